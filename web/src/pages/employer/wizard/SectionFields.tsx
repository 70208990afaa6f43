/**
 * The fields of the agreement's eight sections (第一条 … 第八条), one section per wizard step, named
 * by the agreement's own paths (`agreement.employmentTerms.probationMonths`) so the server's errors
 * land beside them. 试用期 is checked as the employer types against 劳动合同法第十九条 with the
 * domain's own rule for the chosen kind of contract (`maxProbationFor` / `probationMessageFor`).
 */
import { Button, Col, Form, Input, InputNumber, Radio, Row, Typography } from 'antd';
import { AGREEMENT_LIMITS } from '../../../../../domain/schemas/agreement';
import {
  CONTRACT_TERM_KIND_LABELS,
  CONTRACT_TERM_KINDS,
  type ContractTermKind,
  maxProbationFor,
  probationHintFor,
  probationMessageFor,
} from '../../../../../domain/contract-term';
import { CodeSelect } from './CodeSelect';

const L = AGREEMENT_LIMITS;

function MonthsOrYuan({ name, label, unit, min, max }: { name: string[]; label: string; unit: string; min: number; max: number }) {
  return (
    <Form.Item label={label} name={name} required>
      <InputNumber min={min} max={max} precision={0} suffix={unit} style={{ width: '100%' }} inputMode="numeric" />
    </Form.Item>
  );
}

function SubjectFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label="职位名称" name={['agreement', 'subject', 'position']} required>
          <Input maxLength={L.shortText} placeholder="如 软件工程师" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="工作职位类别" name={['agreement', 'subject', 'jobCategoryCode']} required>
          <CodeSelect list="job-categories" placeholder="请选择工作职位类别" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="工作地点" name={['agreement', 'subject', 'workLocation']} required>
          <Input maxLength={200} placeholder="如 上海市浦东新区" />
        </Form.Item>
      </Col>
      <Col xs={24}>
        <Form.Item label="工作内容" name={['agreement', 'subject', 'duties']} extra="选填">
          <Input.TextArea maxLength={2000} showCount autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

const TERMS = ['agreement', 'employmentTerms'];

function EmploymentTermsFields() {
  // A draft saved before the kind existed has none: it is a fixed term, shown as 固定期限 (the value
  // stays unset until the employer picks one, so opening such a draft is not an unsaved change).
  const kind = ((Form.useWatch([...TERMS, 'contractTermKind']) as ContractTermKind | undefined) ?? 'fixed');
  const term = Form.useWatch([...TERMS, 'contractTermMonths']) as number | null | undefined;
  const months = typeof term === 'number' && Number.isInteger(term) && term >= 1 ? term : undefined;
  return (
    <>
      <Typography.Paragraph type="secondary">
        甲乙双方通过供需见面、双向选择，达成如下协议（注：此条双方约定应明确，如有需要，双方可另附约定条款）。
      </Typography.Paragraph>
      <Row gutter={16}>
        <Col xs={24}>
          <Form.Item
            label="合同期限类型"
            name={[...TERMS, 'contractTermKind']}
            required
            getValueProps={(value: unknown) => ({ value: value ?? 'fixed' })}
            extra="劳动合同法第十二条：固定期限、无固定期限、以完成一定工作任务为期限"
          >
            <Radio.Group
              optionType="button"
              options={CONTRACT_TERM_KINDS.map((k) => ({ value: k, label: CONTRACT_TERM_KIND_LABELS[k] }))}
            />
          </Form.Item>
        </Col>
        {kind === 'fixed' && (
          <Col xs={24} sm={12} lg={8}>
            {/* preserve={false}: choosing another kind drops the months, which the server refuses for it. */}
            <Form.Item label="合同期限" name={[...TERMS, 'contractTermMonths']} required preserve={false}>
              <InputNumber min={1} max={L.contractTermMonthsMax} precision={0} suffix="个月" style={{ width: '100%' }} inputMode="numeric" />
            </Form.Item>
          </Col>
        )}
        <Col xs={24} sm={12} lg={8}>
          <MonthsOrYuan name={[...TERMS, 'servicePeriodMonths']} label="服务期" unit="个月" min={0} max={L.servicePeriodMonthsMax} />
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <Form.Item
            label="试用期"
            name={[...TERMS, 'probationMonths']}
            required
            dependencies={[[...TERMS, 'contractTermKind'], [...TERMS, 'contractTermMonths']]}
            extra={probationHintFor(kind, months)}
            rules={[
              ({ getFieldValue }) => ({
                validator(_, value: unknown) {
                  const chosen = (getFieldValue([...TERMS, 'contractTermKind']) as ContractTermKind | undefined) ?? 'fixed';
                  const typed = getFieldValue([...TERMS, 'contractTermMonths']) as unknown;
                  const fixedMonths = typeof typed === 'number' && typed >= 1 ? typed : undefined;
                  const max = maxProbationFor(chosen, fixedMonths);
                  if (typeof value !== 'number' || max === null) return Promise.resolve();
                  return value <= max ? Promise.resolve() : Promise.reject(new Error(probationMessageFor(chosen, fixedMonths)));
                },
              }),
            ]}
          >
            <InputNumber min={0} max={L.probationMonthsMax} precision={0} suffix="个月" style={{ width: '100%' }} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <MonthsOrYuan name={[...TERMS, 'monthlySalaryPreTax']} label="税前月薪" unit="元/月" min={0} max={L.monthlySalaryYuanMax} />
        </Col>
        <Col xs={24} sm={12} lg={8}>
          <MonthsOrYuan name={[...TERMS, 'monthlySalaryAfterTax']} label="税后月薪" unit="元/月" min={0} max={L.monthlySalaryYuanMax} />
        </Col>
        <Col xs={24}>
          <Form.Item label="福利" name={[...TERMS, 'benefits']} required>
            <Input.TextArea maxLength={L.mediumText} showCount autoSize={{ minRows: 2, maxRows: 6 }} placeholder="如 五险一金、带薪年假、调休" />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

function BreachLiabilityFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} sm={12} lg={8}>
        <MonthsOrYuan name={['agreement', 'breachLiability', 'penaltyYuan']} label="违约金" unit="元" min={0} max={L.penaltyYuanMax} />
      </Col>
      <Col xs={24}>
        <Form.Item label="违约责任条款" name={['agreement', 'breachLiability', 'text']} extra="选填">
          <Input.TextArea maxLength={L.longText} showCount autoSize={{ minRows: 3, maxRows: 10 }} />
        </Form.Item>
      </Col>
    </Row>
  );
}

/** Reference wording for the standard clauses (甲方 用人单位, 乙方 毕业生, 丙方 学校), to adapt. */
const REFERENCE_TEXT: Partial<Record<string, string>> = {
  rescission:
    '经甲、乙、丙三方协商一致，可以解除本协议。有下列情形之一的，一方可书面通知其他各方解除本协议：（一）乙方未能按期取得毕业资格的；（二）乙方体检不符合甲方录用条件的；（三）因不可抗力致使本协议无法履行的。',
  effectiveness: '本协议经甲、乙双方签约并经丙方确认后生效。',
  termination: '乙方到甲方报到并与甲方订立劳动（聘用）合同后，本协议自行终止；本协议解除的，自解除之日起终止。',
};

const TEXT_LIMITS: Record<string, number> = { text: L.agreementText };

function TextSectionField({ sectionKey, label, optional }: { sectionKey: string; label: string; optional: boolean }) {
  const form = Form.useFormInstance();
  const name = ['agreement', sectionKey];
  const reference = REFERENCE_TEXT[sectionKey];
  const value = Form.useWatch(name) as string | undefined;
  return (
    <>
      <Form.Item label={label} name={name} required={!optional} extra={optional ? '选填' : undefined}>
        <Input.TextArea maxLength={TEXT_LIMITS[sectionKey] ?? L.longText} showCount autoSize={{ minRows: 5, maxRows: 16 }} />
      </Form.Item>
      {reference && !value?.trim() && (
        <Button size="small" onClick={() => form.setFieldValue(name, reference)} style={{ marginBottom: 16 }}>
          填入参考条款
        </Button>
      )}
    </>
  );
}

export function SectionFields({ sectionKey, label, optional }: { sectionKey: string; label: string; optional: boolean }) {
  switch (sectionKey) {
    case 'subject':
      return <SubjectFields />;
    case 'employmentTerms':
      return <EmploymentTermsFields />;
    case 'breachLiability':
      return <BreachLiabilityFields />;
    default:
      return <TextSectionField sectionKey={sectionKey} label={label} optional={optional} />;
  }
}
