/** The filter fields the school's two review tables share, with the same labels and limits as the API's. */
import { Form, Input } from 'antd';

/** `q`: part of a student's name, 考生号 or 协议书编号 (at most 50 characters). */
export function StudentKeywordField() {
  return (
    <Form.Item label="学生姓名、考生号或协议书编号" name="q" rules={[{ max: 50, message: '最多 50 个字符' }]}>
      <Input allowClear placeholder="如 张三、考生号或 000123" maxLength={50} />
    </Form.Item>
  );
}

/** `employer`: part of the 单位名称, or the start of its 社会信用代码 (at most 100 characters). */
export function EmployerField() {
  return (
    <Form.Item label="用人单位" name="employer" rules={[{ max: 100, message: '最多 100 个字符' }]}>
      <Input allowClear placeholder="单位名称或社会信用代码" maxLength={100} />
    </Form.Item>
  );
}
