/**
 * 个人中心's card of the current 网上签约: its status, 协议书编号, whose turn it is, the next step,
 * the deadline (Beijing time), and the one button that takes the student on: the signing page
 * (primary when it is the student's turn to confirm, or to answer a 解约 request), or 填报+ when
 * there is no signing yet or the last one was cancelled, expired or rescinded (已解约), as the
 * source's 个人中心 has. A 解约 request under way is shown beside the status.
 */
import { Button, Card, Descriptions, Flex, Typography } from 'antd';
import { useNavigate } from 'react-router';
import type { StudentMe } from '../../api/types';
import { RescissionTag, isPendingRescission } from '../../components/rescission/RescissionTag';
import { SigningStatusTag, isPendingStatus } from './signing-status';

type Current = NonNullable<StudentMe['currentSigning']>;

export function CurrentSigningCard({ signing }: { signing: Current | null }) {
  const navigate = useNavigate();
  const open = () => signing && void navigate(`/student/signings/${signing.id}`);
  const file = () => void navigate('/student/plan');

  if (!signing) {
    return (
      <Card title="网上签约" size="small">
        <Flex vertical gap={12} align="flex-start">
          <Typography.Text type="secondary">尚未填报就业方案。填报并提交后，用人单位即可在线签约。</Typography.Text>
          <Button type="primary" size="large" onClick={file}>
            填报+
          </Button>
        </Flex>
      </Card>
    );
  }

  const ended = signing.status === 'CANCELLED' || signing.status === 'EXPIRED' || signing.status === 'RESCINDED';
  const myTurn = signing.allowedActions.includes('studentConfirm');
  const rescission = signing.rescission && isPendingRescission(signing.rescission.status) ? signing.rescission : null;
  const answerRescission = rescission?.allowedActions.includes('agree') ?? false;
  const items = [
    {
      key: 'status',
      label: '状态',
      children: (
        <Flex gap={6} wrap>
          <SigningStatusTag status={signing.status} label={signing.statusLabel} />
          {rescission && <RescissionTag status={rescission.status} label={rescission.statusLabel} large prefixed />}
        </Flex>
      ),
    },
    { key: 'no', label: '协议书编号', children: signing.agreementNo },
    { key: 'employer', label: '单位名称', children: signing.application.employer.name },
    ...(signing.awaitingLabel ? [{ key: 'awaiting', label: '当前办理方', children: `等待${signing.awaitingLabel}办理` }] : []),
    ...(signing.nextStepLabel ?? signing.nextStep ? [{ key: 'next', label: '下一步', children: signing.nextStepLabel ?? signing.nextStep }] : []),
    ...(isPendingStatus(signing.status) && signing.deadlineLabel ? [{ key: 'deadline', label: '办理期限', children: signing.deadlineLabel }] : []),
  ];

  return (
    <Card title="网上签约" size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        {myTurn && (
          <Button type="primary" size="large" onClick={open}>
            查看并确认协议
          </Button>
        )}
        {ended && (
          <Button type="primary" size="large" onClick={file}>
            填报+
          </Button>
        )}
        {answerRescission && (
          <Button type="primary" size="large" onClick={open}>
            查看解约申请
          </Button>
        )}
        {!myTurn && !answerRescission && (
          <Button size="large" onClick={open}>
            查看网签详情
          </Button>
        )}
      </Flex>
    </Card>
  );
}
