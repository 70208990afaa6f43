/** Wizard step 单位信息: 单位性质 and the employer's contact (电话, 地址, 邮编, 联系人, 邮箱), as the source's 单位签约 screen asks. */
import { Col, Form, Input, Row } from 'antd';
import { CodeSelect } from './CodeSelect';
import { PHONE_HINT, PHONE_INPUT_MAX } from './phone-hint';

export function UnitFields() {
  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label="单位性质" name="unitNature" required>
          <CodeSelect list="unit-natures" placeholder="请选择单位性质" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="联系人" name={['contact', 'contactPerson']} required>
          <Input maxLength={50} autoComplete="name" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="电话" name={['contact', 'phone']} required extra={PHONE_HINT}>
          <Input maxLength={PHONE_INPUT_MAX} inputMode="tel" autoComplete="tel" />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label="邮箱" name={['contact', 'email']} required>
          <Input maxLength={254} inputMode="email" autoComplete="email" />
        </Form.Item>
      </Col>
      <Col xs={24} md={16}>
        <Form.Item label="地址" name={['contact', 'address']} required>
          <Input maxLength={200} autoComplete="street-address" />
        </Form.Item>
      </Col>
      <Col xs={24} md={8}>
        <Form.Item label="邮编" name={['contact', 'postcode']} required>
          <Input maxLength={6} inputMode="numeric" autoComplete="postal-code" />
        </Form.Item>
      </Col>
    </Row>
  );
}
