/**
 * The filters of 学生就业方案变更审核 (api/desk/params.ts): 处理状态 (default 待学校确认), 学生姓名、考生号或协议书编号,
 * 用人单位 (name or 社会信用代码), 单位地区 (a province, city or county: the API matches the code's prefix), 提交日期 from/to (Beijing days) and
 * 排序方式. 查询 applies them (Enter in any field too), a new 排序方式 at once; 重置 goes back to the
 * default view. A problem the server finds with a value (400 `query.<name>`) shows beside its field.
 */
import { Button, Col, DatePicker, Form, Grid, Row, Select, Space } from 'antd';
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { RegionCascader } from '../../components/codes/RegionCascader';
import { type DeskFilter, DEFAULT_PAGE_SIZE, DEFAULT_SORT, DEFAULT_STATUS, SORT_OPTIONS, STATUS_OPTIONS } from './desk-query';
import { EmployerField, StudentKeywordField } from './filter-fields';

interface FilterValues {
  status: string;
  q?: string;
  employer?: string;
  region?: string | null;
  submittedFrom?: Dayjs | null;
  submittedTo?: Dayjs | null;
  sort: string;
}

function valuesOf(filter: DeskFilter): FilterValues {
  return {
    status: filter.status,
    q: filter.q,
    employer: filter.employer,
    region: filter.region,
    submittedFrom: filter.submittedFrom ? dayjs(filter.submittedFrom) : null,
    submittedTo: filter.submittedTo ? dayjs(filter.submittedTo) : null,
    sort: filter.sort,
  };
}

function filterOfValues(values: FilterValues, limit: number): DeskFilter {
  return {
    status: values.status,
    q: values.q?.trim() ?? '',
    employer: values.employer?.trim() ?? '',
    region: values.region?.trim() ?? '',
    submittedFrom: values.submittedFrom ? values.submittedFrom.format('YYYY-MM-DD') : '',
    submittedTo: values.submittedTo ? values.submittedTo.format('YYYY-MM-DD') : '',
    sort: values.sort,
    limit,
  };
}

const col = { xs: 24, sm: 12, lg: 8, xl: 6 } as const;

export function DeskFilters({
  form,
  filter,
  onSearch,
  loading,
}: {
  form: FormInstance;
  filter: DeskFilter;
  onSearch(filter: DeskFilter): void;
  loading: boolean;
}) {
  // At phone width the less used filters fold away (still in the form, so their values stay).
  const screens = Grid.useBreakpoint();
  const [expanded, setExpanded] = useState(false);
  const hasFolded = Boolean(filter.employer || filter.region || filter.submittedFrom || filter.submittedTo);
  const folded = screens.sm === false && !expanded && !hasFolded;
  const more = { ...col, style: folded ? { display: 'none' } : undefined };

  // The URL is the truth: back/forward and 重置 show its filter in the fields.
  useEffect(() => {
    form.setFieldsValue(valuesOf(filter));
  }, [form, filter]);

  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={valuesOf(filter)}
      onFinish={(values: FilterValues) => onSearch(filterOfValues(values, filter.limit))}
      onValuesChange={(changed: Partial<FilterValues>, all: FilterValues) => {
        if ('sort' in changed) onSearch(filterOfValues(all, filter.limit));
      }}
      style={{ marginBottom: 8 }}
    >
      <Row gutter={[16, 0]}>
        <Col {...col}>
          <Form.Item label="处理状态" name="status">
            <Select options={STATUS_OPTIONS} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <StudentKeywordField />
        </Col>
        <Col {...more}>
          <EmployerField />
        </Col>
        <Col {...more}>
          <Form.Item label="单位地区" name="region">
            <RegionCascader allowClear placeholder="省 / 市 / 区县，可输入名称搜索" />
          </Form.Item>
        </Col>
        <Col {...more}>
          <Form.Item label="提交日期（起）" name="submittedFrom">
            <DatePicker style={{ width: '100%' }} placeholder="开始日期" inputReadOnly />
          </Form.Item>
        </Col>
        <Col {...more}>
          <Form.Item
            label="提交日期（止）"
            name="submittedTo"
            dependencies={['submittedFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator(_, value: Dayjs | null | undefined) {
                  const from = getFieldValue('submittedFrom') as Dayjs | null | undefined;
                  return value && from && value.isBefore(from, 'day') ? Promise.reject(new Error('结束日期不能早于开始日期')) : Promise.resolve();
                },
              }),
            ]}
          >
            <DatePicker style={{ width: '100%' }} placeholder="结束日期" inputReadOnly />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label="排序方式" name="sort">
            <Select options={SORT_OPTIONS.map((o) => ({ value: o.value, label: o.label }))} />
          </Form.Item>
        </Col>
        <Col {...col}>
          <Form.Item label={screens.sm === false ? undefined : ' '} colon={false}>
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={loading}>
                查询
              </Button>
              {screens.sm === false && !hasFolded && (
                <Button type="link" onClick={() => setExpanded(!expanded)} aria-expanded={!folded}>
                  {folded ? '更多筛选' : '收起筛选'}
                </Button>
              )}
              <Button
                onClick={() =>
                  onSearch({ status: DEFAULT_STATUS, q: '', employer: '', region: '', submittedFrom: '', submittedTo: '', sort: DEFAULT_SORT, limit: DEFAULT_PAGE_SIZE })
                }
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
