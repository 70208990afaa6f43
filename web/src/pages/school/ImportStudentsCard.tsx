/**
 * 导入学生名单: the school's roster as CSV (考生号,姓名,专业,学历,生源地主管单位,邮箱 — 考生号 and 姓名
 * required), chosen as a file (read in the browser, UTF-8 or GB18030) or pasted, sent to
 * POST /api/school/students/import as text/csv. The answer's row-level problems are listed by
 * 行号; the new students' initial passwords are shown once (IssuedLogins). A problem with the
 * whole file (header, encoding, size) is shown above the field, and the text stays for fixing.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { StudentImportResult } from '../../api/types';
import { useSubmit } from '../../lib/use-submit';
import { ROSTER_HEADERS, downloadCsv, readCsvFile } from './csv-file';
import { IssuedLogins } from './IssuedLogins';

/** The server's limits (api/roster/parse-roster.ts). */
const MAX_BYTES = 1024 * 1024;
const MAX_ROWS = 1000;

type RowError = StudentImportResult['errors'][number];

function FileProblem({ error }: { error: ApiError | Error }) {
  const details = error instanceof ApiError ? error.fieldIssues.filter((d) => d.path !== 'body') : [];
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={error.message}
      description={
        details.length ? (
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            {details.map((d, i) => (
              <li key={i}>{d.message}</li>
            ))}
          </ul>
        ) : undefined
      }
    />
  );
}

export function ImportStudentsCard() {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ csv: string }>();
  const [fileName, setFileName] = useState<string>();
  const [result, setResult] = useState<StudentImportResult>();
  const [problem, setProblem] = useState<Error>();

  const submit = useSubmit(async (_key: string, csv: string) => {
    const { data } = await api.POST('/api/school/students/import', {
      body: csv,
      bodySerializer: (body: string) => body,
      headers: { 'Content-Type': 'text/csv; charset=utf-8' },
    });
    return data as unknown as StudentImportResult;
  });

  async function onFinish({ csv }: { csv: string }) {
    setProblem(undefined);
    try {
      const answer = await submit.run(csv);
      if (!answer) return;
      setResult(answer);
      const text = `新增 ${answer.created} 名，更新 ${answer.updated} 名，失败 ${answer.failed} 行`;
      if (answer.failed) void message.warning(text);
      else void message.success(text);
    } catch (err) {
      setProblem(err instanceof Error ? err : new Error(String(err)));
    }
  }

  async function readFile(file: File) {
    if (file.size > MAX_BYTES) {
      setProblem(new Error(`文件超过 1 MB（${(file.size / 1024 / 1024).toFixed(1)} MB），请分批导入，每次最多 ${MAX_ROWS} 名学生`));
      return;
    }
    const { text, encoding } = await readCsvFile(file);
    form.setFieldsValue({ csv: text.replace(/^\uFEFF/, '') });
    await form.validateFields(['csv']).catch(() => undefined);
    setFileName(file.name);
    setProblem(undefined);
    void message.info(`已读取 ${file.name}（${encoding === 'UTF-8' ? 'UTF-8' : 'GB18030/GBK'} 编码），请核对后点击“导入学生名单”`);
  }

  return (
    <Card
      title={
        <Typography.Title level={3} style={{ margin: 0, fontSize: 16 }}>
          导入学生名单
        </Typography.Title>
      }
    >
      <Flex vertical gap={16}>
        <Typography.Paragraph style={{ margin: 0 }}>
          CSV 文件第一行为表头：<Typography.Text code>{ROSTER_HEADERS.join(',')}</Typography.Text>。考生号（9–15 位数字）和姓名必填；
          学历可填 专科、本科、硕士研究生、博士研究生。已导入的考生号再次导入时更新信息，不会重复创建。新学生的用户名为考生号，初始密码在导入后显示一次。
          每次最多 {MAX_ROWS} 名学生。
        </Typography.Paragraph>
        <Flex wrap gap={8}>
          <Button icon={<DownloadOutlined />} onClick={() => downloadCsv('学生名单模板.csv', [[...ROSTER_HEADERS]])}>
            下载 CSV 模板
          </Button>
          <Upload
            accept=".csv,text/csv"
            showUploadList={false}
            maxCount={1}
            beforeUpload={(file) => {
              void readFile(file);
              return Upload.LIST_IGNORE;
            }}
          >
            <Button icon={<UploadOutlined />}>选择 CSV 文件</Button>
          </Upload>
          {fileName && <Typography.Text type="secondary">已读取：{fileName}</Typography.Text>}
        </Flex>

        {problem && <FileProblem error={problem} />}

        <Form form={form} layout="vertical" onFinish={(v) => void onFinish(v)} disabled={submit.submitting}>
          <Form.Item
            label="学生名单（CSV 内容）"
            name="csv"
            extra="可选择文件，也可从 Excel 复制后粘贴（以英文逗号分隔各列）。"
            rules={[
              { required: true, whitespace: true, message: '请选择 CSV 文件或粘贴学生名单' },
              {
                validator: (_, value: string | undefined) =>
                  value && !value.split(/\r?\n/, 1)[0]!.includes('考生号')
                    ? Promise.reject(new Error(`第一行应为表头：${ROSTER_HEADERS.join(',')}`))
                    : Promise.resolve(),
              },
            ]}
          >
            <Input.TextArea rows={8} spellCheck={false} placeholder={`${ROSTER_HEADERS.join(',')}\n310101200012345,张三,计算机科学与技术,本科,上海市教育委员会,zhangsan@example.com`} style={{ fontFamily: 'monospace' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={submit.submitting}>
            导入学生名单
          </Button>
        </Form>

        {result && (
          <Flex vertical gap={12}>
            <Alert
              type={result.failed ? 'warning' : 'success'}
              showIcon
              title={`导入完成：新增 ${result.created} 名，更新 ${result.updated} 名，失败 ${result.failed} 行`}
              description={result.failed ? '以下各行未导入，请修改后重新导入（已导入的行再次导入只会更新）。' : undefined}
            />
            {result.errors.length > 0 && (
              <Table<RowError>
                rowKey={(e) => `${e.row}-${e.field ?? ''}-${e.message}`}
                size="small"
                pagination={result.errors.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
                scroll={{ x: 'max-content' }}
                dataSource={result.errors}
                columns={[
                  { title: '行号', dataIndex: 'row', width: 70 },
                  { title: '考生号', dataIndex: 'examineeNo', render: (v?: string) => v ?? '—' },
                  { title: '列', dataIndex: 'field', render: (v: string | null) => v ?? '整行' },
                  { title: '问题', dataIndex: 'message' },
                ]}
              />
            )}
            {result.accounts.length > 0 && <IssuedLogins logins={result.accounts} onDismiss={() => setResult({ ...result, accounts: [] })} />}
          </Flex>
        )}
      </Flex>
    </Card>
  );
}
