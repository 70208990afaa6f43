/**
 * The wizard's last step: the whole agreement as the student will read it (AgreementSections over
 * the saved draft; after a return, the fields changed since the version the student saw are
 * highlighted), what is still missing with a way to each step, the required 预览就业协议内容 tick,
 * and 发送至学生 (the wizard's Form submits it).
 */
import { Alert, Button, Checkbox, Flex, Form, Typography } from 'antd';
import { diffAgreements, type AgreementSnapshot } from '../../../../../domain/agreement-diff';
import type { AgreementVersionView, DraftView } from '../../../api/types';
import { AgreementSections } from '../../../components/agreement/AgreementSections';
import { WIZARD_STEPS, stepOfPath } from './steps';

export function PreviewStep({
  draft,
  sentVersion,
  sending,
  onGoTo,
}: {
  draft: DraftView | null;
  sentVersion: AgreementVersionView | null;
  sending: boolean;
  onGoTo: (step: number) => void;
}) {
  const document = draft ?? { unitNature: null, contact: null, agreement: {}, archive: null };
  const changes = sentVersion && draft ? diffAgreements(sentVersion as unknown as AgreementSnapshot, draft as unknown as AgreementSnapshot) : null;
  const missing = (draft?.completeness.sections ?? []).filter((s) => !s.complete);
  const missingSteps = draft
    ? [...new Set(missing.map((s) => stepOfPath(s.key)))]
    : [0];
  return (
    <>
      {missingSteps.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="协议尚未填写完整，发送前请补全以下各条"
          description={
            <Flex wrap gap={8} style={{ marginTop: 8 }}>
              {missingSteps.map((index) => (
                <Button key={index} size="small" onClick={() => onGoTo(index)}>
                  去填写：{WIZARD_STEPS[index]!.title}
                </Button>
              ))}
            </Flex>
          }
        />
      )}
      {draft && !draft.archive && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title="尚未填写档案接收信息（选填，也可由学生确认时填写）"
          action={
            <Button size="small" onClick={() => onGoTo(stepOfPath('archive'))}>
              填写档案接收
            </Button>
          }
        />
      )}
      {sentVersion && changes?.length === 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={`与退回的第 ${sentVersion.version} 版相比，尚未修改任何内容。`} />
      )}
      <AgreementSections document={document} changes={changes} title="就业协议内容预览" />
      <Form.Item
        name="previewed"
        valuePropName="checked"
        style={{ marginTop: 16, marginBottom: 8 }}
        rules={[{ validator: (_, checked: unknown) => (checked === true ? Promise.resolve() : Promise.reject(new Error('请先预览就业协议内容并勾选'))) }]}
      >
        <Checkbox disabled={sending}>预览就业协议内容</Checkbox>
      </Form.Item>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        勾选即表示已阅读以上全部内容；发送后学生将收到通知，网签状态变为「待学生确认」。
      </Typography.Paragraph>
    </>
  );
}
