/**
 * Wizard step 档案接收: where the graduate's file (档案) is sent — 接收单位, 邮编, 收件人, 电话, 详细地址.
 * Optional for the send, but all five together once one is filled. When the draft has none of its
 * own it shows the one saved on the signing (e.g. by the student), as the send would carry it.
 */
import { Alert, Col, Form, Input, Row } from 'antd';
import { PHONE_HINT, PHONE_INPUT_MAX } from './phone-hint';

export function ArchiveFields({ fromSigning }: { fromSigning: boolean }) {
  return (
    <>
      {fromSigning && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title="以下为本网签已保存的档案接收信息；如需修改，直接编辑后保存即可。" />
      )}
      <Row gutter={16}>
        <Col xs={24} md={16}>
          <Form.Item label="接收单位" name={['archive', 'unitName']}>
            <Input maxLength={100} placeholder="如 上海市学生事务中心" />
          </Form.Item>
        </Col>
        <Col xs={24} md={8}>
          <Form.Item label="邮编" name={['archive', 'postcode']}>
            <Input maxLength={6} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="收件人" name={['archive', 'recipient']}>
            <Input maxLength={50} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="电话" name={['archive', 'phone']} extra={PHONE_HINT}>
            <Input maxLength={PHONE_INPUT_MAX} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col xs={24}>
          <Form.Item label="详细地址" name={['archive', 'address']}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}
