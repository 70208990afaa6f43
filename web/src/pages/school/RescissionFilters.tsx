/**
 * The filters of 解约审批 (api/desk/rescission-desk.ts): 状态 (default 待学校审批, 全部 too), 学生姓名、
 * 考生号或协议书编号, 用人单位 (name or 社会信用代码). 查询 applies them (Enter in a field too), a new
 * 状态 at once; 重置 goes back to the default view. A problem the server finds with a value
 * (400 `query.<name>`) shows beside its field, as in 学生就业方案变更审核.
 */
import { Button, Col, Form, Grid, Row, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import { useEffect } from 'react';
import { DEFAULT_RESCISSION_STATUS, RESCISSION_STATUS_OPTIONS, type RescissionFilter } from './rescission-desk-query';
import { EmployerField, StudentKeywordField } from './filter-fields';

const col = { xs: 24, sm: 12, lg: 6 } as const;

const trimmed = (values: RescissionFilter): RescissionFilter => ({ status: values.status, q: values.q?.trim() ?? '', employer: values.employer?.trim() ?? '' });

export function RescissionFilters({ form, filter, onSearch, loading }: { form: FormInstance; filter: RescissionFilter; onSearch(filter: RescissionFilter): void; loading: boolean }) {
  const phone = Grid.useBreakpoint().sm === false;

  // The URL is the truth: back/forward and 重置 show its filter in the fields.
  useEffect(() => {
    form.setFieldsValue(filter);
  }, [form, filter]);

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={filter}
      onFinish={(values: RescissionFilter) => onSearch(trimmed(values))}
      onValuesChange={(changed: Partial<RescissionFilter>, all: RescissionFilter) => {
        if ('status' in changed) onSearch(trimmed(all));
      }}
      style={{ marginBottom: 8 }}
    >
      <Row gutter={[16, 0]}>
        <Col {...col}>
          <Form.Item label="状态" name="status">
            <Select options={RESCISSION_STATUS_OPTIONS} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <StudentKeywordField />
        </Col>
        <Col {...col}>
          <EmployerField />
        </Col>
        <Col {...col}>
          <Form.Item label={phone ? undefined : ' '} colon={false}>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={loading}>
                查询
              </Button>
              <Button onClick={() => onSearch({ status: DEFAULT_RESCISSION_STATUS, q: '', employer: '' })}>重置</Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
