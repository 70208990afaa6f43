/**
 * /student/plan — 就业方案填报, the student's application (docs/design.md §1, step 1) with the source's fields:
 * 毕业去向, 是否就业, 社会信用代码 (its check character verified as typed), 单位名称, 信息登记号,
 * 单位地区 (省 → 市 → 区县), 行业类别, then 保存并提交 (POST /api/signings, once per submit thanks to
 * its Idempotency-Key) and the source's 您的个人信息已提交至单位【待单位确认】! with 确定.
 *
 * Client checks are antd rules carrying the server's wording (the zod application schema imports
 * the region data set, too big to ship to every browser, so it stays on the server:
 * BENCHMARKS.md, "Figures behind code comments"); the server's own problems are put beside the fields
 * (`employer.creditCode`, `regionCode` …) and nothing typed is lost on a failed submit.
 * A student whose signing is already under way (or completed) is told so, with a link to it.
 */
import { Alert, App, Button, Card, Col, Flex, Form, Input, Radio, Row, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { paths } from '../../../generated/api-schema';
import { ApiError, type FieldIssue, api } from '../../api/client';
import type { StudentMe } from '../../api/types';
import { CodeSelect } from '../../components/codes/CodeSelect';
import { RegionCascader } from '../../components/codes/RegionCascader';
import { inboxChanged } from '../../components/inbox';
import { applyFieldIssues } from '../../lib/form-errors';
import { useSubmit } from '../../lib/use-submit';
import { useMe, useSession } from '../../session/SessionProvider';
import { creditCodeRules, normalizeCreditCode } from './credit-code';
import { blocksNewPlan } from './signing-status';
import { requiredMark } from '../employer/required-mark';

type ApplicationBody = paths['/api/signings']['post']['requestBody']['content']['application/json'];

interface PlanValues {
  graduationDestination: string;
  employed: boolean;
  employer: { creditCode: string; name: string; infoRegistrationNo?: string };
  regionCode: string;
  industryCode: string;
}

/** A problem the form cannot show beside a field: a refusal, or issues of fields not on screen. */
type Problem = { kind: 'conflict'; message: string; signingId?: string } | { kind: 'error'; message: string; issues: FieldIssue[] };

const NOT_EMPLOYED = '网上签约只受理已就业（是否就业：就业）的申请；不就业无需网上签约，请选择“就业”或改填其他毕业去向';

function bodyOf(values: PlanValues): ApplicationBody {
  const infoRegistrationNo = values.employer.infoRegistrationNo?.trim();
  return {
    graduationDestination: values.graduationDestination as ApplicationBody['graduationDestination'],
    employed: true,
    employer: {
      creditCode: normalizeCreditCode(values.employer.creditCode),
      name: values.employer.name.trim(),
      ...(infoRegistrationNo ? { infoRegistrationNo } : {}),
    },
    regionCode: values.regionCode,
    industryCode: values.industryCode as ApplicationBody['industryCode'],
  };
}

export function PlanPage() {
  const me = useMe() as StudentMe;
  const { refresh } = useSession();
  const navigate = useNavigate();
  const { modal } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const [problem, setProblem] = useState<Problem>();

  const current = me.currentSigning;
  const blocking = current && blocksNewPlan(current.status) ? current : null;

  const submit = useSubmit(async (key: string, values: PlanValues) => {
    const { data } = await api.POST('/api/signings', { body: bodyOf(values), headers: { 'Idempotency-Key': key } });
    return data;
  });

  async function onFinish(values: PlanValues) {
    setProblem(undefined);
    try {
      const created = await submit.run(values);
      if (!created) return;
      inboxChanged();
      await refresh().catch(() => undefined);
      modal.success({
        title: '提交成功',
        content: (
          <>
            <div>您的个人信息已提交至单位【待单位确认】!</div>
            <div>协议书编号：{created.agreementNo}（查询或联系单位、学校时请提供）</div>
          </>
        ),
        okText: '确定',
        onOk: () => void navigate('/student'),
      });
    } catch (err) {
      if (!(err instanceof ApiError)) {
        setProblem({ kind: 'error', message: '提交失败，请稍后重试', issues: [] });
        return;
      }
      if (err.status === 409) {
        const details = err.details as { signingId?: string } | undefined;
        setProblem({ kind: 'conflict', message: err.message, signingId: details?.signingId });
        await refresh().catch(() => undefined);
        return;
      }
      const unmatched = err.fieldIssues.length ? applyFieldIssues(form, err.fieldIssues) : [];
      if (!err.fieldIssues.length || unmatched.length) setProblem({ kind: 'error', message: err.message, issues: unmatched });
    }
  }

  const conflictLink = problem?.kind === 'conflict' ? (problem.signingId ?? blocking?.id) : undefined;

  return (
    <Card title="就业方案填报" size="small">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        <Typography.Text type="danger" aria-hidden="true">*</Typography.Text> 此处不可空白
      </Typography.Paragraph>

      {blocking && !problem && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`您已有一份「${blocking.statusLabel}」的网上签约（${blocking.application.employer.name}），不能重复提交。`}
          description={
            <span>
              {blocking.status === 'COMPLETED' ? '网签已完成并写入就业方案；如需改签，须先办理解约。' : '如需更换单位，请先在网签页面取消网上签约。'}
              <Link to={`/student/signings/${blocking.id}`}>查看当前网签</Link>
            </span>
          }
        />
      )}
      {problem?.kind === 'conflict' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem.message}
          description={conflictLink ? <Link to={`/student/signings/${conflictLink}`}>查看当前网签</Link> : '请返回个人中心查看当前网签。'}
        />
      )}
      {problem?.kind === 'error' && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={problem.message}
          description={
            problem.issues.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                {problem.issues.map((i) => (
                  <li key={`${i.path}:${i.message}`}>{i.message}</li>
                ))}
              </ul>
            ) : undefined
          }
        />
      )}

      <Form<PlanValues>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={requiredMark}
        disabled={!!blocking}
        scrollToFirstError={{ block: 'center' }}
        initialValues={{ graduationDestination: '01', employed: true }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12} lg={8}>
            <Form.Item label="毕业去向" name="graduationDestination" rules={[{ required: true, message: '请选择毕业去向' }]}>
              <CodeSelect list="graduation-destinations" format="name-code" size="large" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item
              label="是否就业"
              name="employed"
              rules={[
                { required: true, message: '请选择是否就业' },
                { validator: (_r, v) => (v === false ? Promise.reject(new Error(NOT_EMPLOYED)) : Promise.resolve()) },
              ]}
            >
              <Radio.Group
                aria-label="是否就业"
                size="large"
                options={[
                  { value: true, label: '就业' },
                  { value: false, label: '不就业' },
                ]}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item
              label="社会信用代码"
              name={['employer', 'creditCode']}
              normalize={normalizeCreditCode}
              validateTrigger={['onChange', 'onBlur']}
              rules={creditCodeRules}
              extra="18 位统一社会信用代码，字母自动转为大写"
            >
              <Input size="large" maxLength={18} showCount autoComplete="off" spellCheck={false} inputMode="text" placeholder="例如 91310000XXXXXXXXXX" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item
              label="单位名称"
              name={['employer', 'name']}
              rules={[
                { required: true, whitespace: true, message: '请填写单位名称' },
                { max: 100, message: '单位名称最多 100 个字符' },
              ]}
            >
              <Input size="large" maxLength={100} autoComplete="organization" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item
              label="信息登记号"
              name={['employer', 'infoRegistrationNo']}
              rules={[{ pattern: /^\s*\d{7}\s*$/, message: '信息登记号应为 7 位数字' }]}
              extra="选填，7 位数字"
            >
              <Input size="large" maxLength={7} inputMode="numeric" autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item label="单位地区" name="regionCode" rules={[{ required: true, message: '请选择单位地区' }]}>
              <RegionCascader size="large" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12} lg={8}>
            <Form.Item label="行业类别" name="industryCode" rules={[{ required: true, message: '请选择行业类别' }]}>
              <CodeSelect list="industries" size="large" placeholder="请选择，或输入代码、名称搜索" />
            </Form.Item>
          </Col>
        </Row>
        <Flex gap={12} wrap>
          <Button type="primary" htmlType="submit" size="large" loading={submit.submitting} style={{ minWidth: 140 }}>
            保存并提交
          </Button>
          <Button size="large" htmlType="button" disabled={false} onClick={() => void navigate('/student')}>
            返回
          </Button>
        </Flex>
      </Form>
    </Card>
  );
}
