/**
 * The wording of a 解约 request's notifications (domain/notification-messages.ts) for each recipient:
 * who did what (您 for the recipient's own step), the request's status beside the signing's, the
 * next step in the words of the awaited party's screens with its deadline, and the time — all in
 * Beijing time; and the webhook body, which names the request and carries no personal data.
 */
import { describe, expect, it } from 'vitest';
import { composeNotification, emailText, maskExamineeNo } from '../../domain/notification-messages';
import {
  type RescissionAction,
  type RescissionEvent,
  type RescissionRequester,
  type RescissionState,
  decideRescission,
  expireRescission,
  requestRescission,
} from '../../domain/rescission';
import { rescissionNotification, rescissionReminder } from '../../domain/rescission-notifications';
import type { Actor, SigningParties } from '../../domain/signing-machine';
import type { Party } from '../../domain/status';
import { webhookPayload } from '../../domain/webhook-payload';

const parties: SigningParties = { studentId: 'b1d7b7c8-0000-4000-8000-000000000001', employerCreditCode: '914403001922038216', schoolCode: '10280' };
const actors: Record<Party, Actor> = {
  student: { role: 'student', id: 'acc-student', partyId: parties.studentId },
  employer: { role: 'employer', id: 'acc-employer', partyId: parties.employerCreditCode },
  school: { role: 'school', id: 'acc-school', partyId: parties.schoolCode },
};
const facts = { agreementNo: '2027-10280-000123', studentName: '于同学', examineeNo: '31010519990101', employerName: 'tiger7', schoolName: '上海大学' };
const RESCISSION_ID = '6f1c0a52-7d0e-4c7e-9a55-1b2c3d4e5f60';
const SIGNING_ID = '0f6b3c2e-1111-4a4a-8b8b-123456789abc';
// 2026-06-01 10:00, 2026-06-02 10:00 and 2026-06-16 10:00 in Beijing.
const ASKED_AT = '2026-06-01T02:00:00.000Z';
const ANSWERED_AT = '2026-06-02T02:00:00.000Z';
const DEADLINE = '2026-06-16T02:00:00.000Z';
const PARTIES = ['student', 'employer', 'school'] as const;

type Step = { state: RescissionState; event: RescissionEvent };

const requested = (by: RescissionRequester): Step =>
  requestRescission({
    rescissionId: RESCISSION_ID,
    signingId: SIGNING_ID,
    parties,
    requestedBy: actors[by] as Actor & { role: RescissionRequester },
    reason: '岗位调整，无法录用',
    letter: null,
    requestedAt: ASKED_AT,
  });

function then(from: Step, action: RescissionAction, role: Party, reason = '材料不全'): Step {
  const command = action === 'reject' ? { type: action, actor: actors[role], reason } : { type: action, actor: actors[role] };
  const decision = decideRescission(from.state, command, ANSWERED_AT);
  if (!decision.ok) throw new Error(`${action} by ${role}: ${decision.refusal.message}`);
  return decision;
}

/** The three messages of a step, by recipient (the deadline only while the request waits). */
function messagesOf({ state, event }: Step) {
  const pending = state.status === 'PENDING_COUNTERPARTY' || state.status === 'PENDING_SCHOOL';
  const notification = rescissionNotification(state, event, pending ? DEADLINE : null);
  return Object.fromEntries(PARTIES.map((r) => [r, composeNotification(notification, facts, r)])) as Record<Party, ReturnType<typeof composeNotification>>;
}

describe('解约 messages: each step, to each party', () => {
  it('a request by the employer: the student is asked to answer by the deadline, the others wait', () => {
    const m = messagesOf(requested('employer'));
    expect(m.student.title).toBe('解约申请：您与tiger7的就业协议书的解约申请待您办理');
    expect(m.student.body).toContain('用人单位tiger7申请解除您与tiger7的就业协议书，原因：岗位调整，无法录用。');
    expect(m.student.body).toContain('下一步：请于 2026年6月16日 10:00 前办理：登录个人中心，查看解约申请，同意或拒绝。');
    expect(m.employer.title).toBe('解约申请：学生于同学的就业协议书的解约申请待对方同意');
    expect(m.employer.body).toContain('您申请解除学生于同学的就业协议书，原因：岗位调整，无法录用。');
    expect(m.employer.body).toContain('下一步：等待学生办理（办理期限 2026年6月16日 10:00），您暂无需操作。');
    expect(m.school.body).toContain('用人单位tiger7申请解除学生于同学与tiger7的就业协议书');
    expect(m.school.body).toContain('下一步：等待学生办理');
    for (const r of PARTIES) {
      expect(m[r].body).toContain('当前状态：已完成（已同步至就业方案库）\n解约申请：待对方同意');
      expect(m[r].body).toContain('时间：2026年6月1日 10:00（北京时间）');
    }
  });

  it('a request by the student: the employer is asked, in the words of its own platform', () => {
    const m = messagesOf(requested('student'));
    expect(m.employer.title).toBe('解约申请：学生于同学的就业协议书的解约申请待您办理');
    expect(m.employer.body).toContain('学生于同学申请解除学生于同学的就业协议书');
    expect(m.employer.body).toContain('请于 2026年6月16日 10:00 前办理：登录单位平台，在「网上签约」中查看解约申请，同意或拒绝。');
    expect(m.student.body).toContain('您申请解除您与tiger7的就业协议书');
    expect(m.student.body).toContain('等待用人单位办理（办理期限 2026年6月16日 10:00）');
  });

  it('the counterparty agrees: the school is asked to approve or reject; the headline suits every recipient', () => {
    const m = messagesOf(then(requested('employer'), 'agree', 'student'));
    for (const r of PARTIES) expect(m[r].title.startsWith('已同意解约：')).toBe(true);
    expect(m.school.title).toBe('已同意解约：学生于同学与tiger7的就业协议书的解约申请待您办理');
    expect(m.school.body).toContain('学生于同学同意解除学生于同学与tiger7的就业协议书，待学校审批。');
    expect(m.school.body).toContain('下一步：请于 2026年6月16日 10:00 前办理：在「解约审批」中审核，批准或拒绝。');
    expect(m.student.body).toContain('您同意解除您与tiger7的就业协议书，待学校审批。');
    expect(m.employer.body).toContain('等待学校办理（办理期限 2026年6月16日 10:00），您暂无需操作。');
    for (const r of PARTIES) expect(m[r].body).toContain('解约申请：待学校审批\n');
  });

  it('the counterparty rejects: the reason, and the agreement stands', () => {
    const m = messagesOf(then(requested('employer'), 'reject', 'student', '已按期报到'));
    expect(m.employer.title).toBe('解约申请未获同意：学生于同学的就业协议书的解约申请已拒绝');
    expect(m.employer.body).toContain('学生于同学拒绝了解约申请，原因：已按期报到。就业协议书继续有效。');
    expect(m.student.body).toContain('您拒绝了解约申请，原因：已按期报到。');
    for (const r of PARTIES) {
      expect(m[r].body).toContain('当前状态：已完成（已同步至就业方案库）\n解约申请：已拒绝\n无需进一步操作。');
      expect(m[r].body).toContain('时间：2026年6月2日 10:00（北京时间）');
    }
  });

  it('the school rejects: named with its name, 您 to itself', () => {
    const m = messagesOf(then(then(requested('student'), 'agree', 'employer'), 'reject', 'school'));
    expect(m.student.body).toContain('学校（上海大学）拒绝了解约申请，原因：材料不全。就业协议书继续有效。');
    expect(m.employer.body).toContain('学校（上海大学）拒绝了解约申请');
    expect(m.school.body).toContain('您拒绝了解约申请，原因：材料不全。');
  });

  it('the school approves: 已解约, the plan withdrawn, and the student told it may file again', () => {
    const m = messagesOf(then(then(requested('employer'), 'agree', 'student'), 'approve', 'school'));
    expect(m.student.title).toBe('已解约：您与tiger7的就业协议书的解约申请已批准');
    expect(m.student.body).toContain('学校（上海大学）已批准解约：您与tiger7的就业协议书已解除，就业方案已从就业方案库撤回（记录保留）。');
    expect(m.student.body).toContain('您可以重新填报就业方案，与其他单位签约。');
    expect(m.school.body).toContain('您已批准解约：学生于同学与tiger7的就业协议书已解除');
    for (const r of ['employer', 'school'] as const) expect(m[r].body).toContain('\n无需进一步操作。\n');
    for (const r of PARTIES) expect(m[r].body).toContain('当前状态：已解约\n解约申请：已批准');
  });

  it('the requester withdraws, in either stage: the agreement stands', () => {
    for (const from of [requested('employer'), then(requested('employer'), 'agree', 'student')]) {
      const m = messagesOf(then(from, 'withdraw', 'employer'));
      expect(m.student.title).toBe('解约申请已撤回：您与tiger7的就业协议书的解约申请已撤回');
      expect(m.student.body).toContain('用人单位tiger7撤回了解约申请。就业协议书继续有效。');
      expect(m.employer.body).toContain('您撤回了解约申请。');
      expect(m.school.body).toContain('解约申请：已撤回\n无需进一步操作。');
    }
  });

  it('an expiry: when, in Beijing time, and that nothing changed', () => {
    const m = messagesOf(expireRescission(requested('student').state, DEADLINE)!);
    for (const r of PARTIES) {
      expect(m[r].title.startsWith('解约申请已过期：')).toBe(true);
      expect(m[r].body).toContain('解约申请未在办理期限内办理，已于 2026年6月16日 10:00 自动过期。就业协议书继续有效。');
      expect(m[r].body).toContain('解约申请：已过期\n无需进一步操作。');
    }
  });

  it('masks the 考生号 for the employer only, as for the signing’s own messages', () => {
    const m = messagesOf(requested('student'));
    expect(m.employer.body).toContain(`考生号 ${maskExamineeNo(facts.examineeNo)}`);
    expect(m.employer.body).not.toContain(facts.examineeNo);
    expect(m.school.body).toContain(`考生号 ${facts.examineeNo}`);
    expect(emailText(m.student).startsWith(m.student.body)).toBe(true);
  });
});

describe('解约 reminders', () => {
  it('reminds the counterparty of the request with its number and what to do', () => {
    const { state } = requested('employer');
    const msg = composeNotification(rescissionReminder(state, 1, { n: 2, lastCall: false }, '2026-06-07T02:00:00.000Z', DEADLINE), facts, 'student');
    expect(msg.title).toBe('提醒（第 2 次）：您与tiger7的就业协议书的解约申请待您办理');
    expect(msg.body).toContain('您与tiger7的就业协议书的解约申请仍待您办理，这是第 2 次提醒。');
    expect(msg.body).toContain('下一步：请于 2026年6月16日 10:00 前办理：登录个人中心，查看解约申请，同意或拒绝。');
    expect(msg.body).toContain('时间：2026年6月7日 10:00（北京时间）');
  });

  it('the last call to the school says the request, not the signing, will expire', () => {
    const { state } = then(requested('student'), 'agree', 'employer');
    const msg = composeNotification(rescissionReminder(state, 2, { n: 4, lastCall: true }, '2026-06-15T02:00:00.000Z', DEADLINE), facts, 'school');
    expect(msg.title).toBe('最后提醒：学生于同学与tiger7的就业协议书的解约申请待您办理，将于 2026年6月16日 10:00 到期');
    expect(msg.body).toContain('逾期未办理，解约申请将自动过期。');
    expect(msg.body).not.toContain('网上签约将自动过期');
    expect(msg.body).toContain('在「解约审批」中审核，批准或拒绝');
  });
});

describe('解约 webhook bodies', () => {
  it('carry the request’s id and status with its label, the signing’s status, no names', () => {
    const step = then(requested('employer'), 'reject', 'student', '已按期报到');
    const payload = webhookPayload(rescissionNotification(step.state, step.event, null), facts.agreementNo);
    expect(payload).toEqual({
      id: `rescission-${RESCISSION_ID}.2`,
      type: 'signing.rescission_rejected',
      createdAt: ANSWERED_AT,
      data: {
        signingId: SIGNING_ID,
        agreementNo: facts.agreementNo,
        status: 'COMPLETED',
        statusLabel: '已完成（已同步至就业方案库）',
        awaiting: null,
        deadlineAt: null,
        reason: '已按期报到',
        rescission: { id: RESCISSION_ID, status: 'REJECTED', statusLabel: '已拒绝' },
      },
    });
    expect(JSON.stringify(payload)).not.toContain(facts.studentName);
  });

  it('an approval says 已解约 and 已批准; a reminder carries the request and the reminder', () => {
    const approved = then(then(requested('student'), 'agree', 'employer'), 'approve', 'school');
    expect(webhookPayload(rescissionNotification(approved.state, approved.event, null), facts.agreementNo).data).toMatchObject({
      status: 'RESCINDED',
      statusLabel: '已解约',
      rescission: { id: RESCISSION_ID, status: 'APPROVED', statusLabel: '已批准' },
    });
    const reminded = webhookPayload(rescissionReminder(requested('student').state, 1, { n: 1, lastCall: false }, ANSWERED_AT, DEADLINE), facts.agreementNo);
    expect(reminded).toMatchObject({
      id: `rescission-${RESCISSION_ID}.1.r1`,
      type: 'signing.reminder',
      data: { awaiting: 'employer', deadlineAt: DEADLINE, reminder: { n: 1, lastCall: false }, rescission: { id: RESCISSION_ID, status: 'PENDING_COUNTERPARTY', statusLabel: '待对方同意' } },
    });
  });

  it('a signing’s own event has no `rescission` in data', () => {
    const step = requested('student');
    const { rescission: _dropped, ...signingEvent } = rescissionNotification(step.state, step.event, DEADLINE);
    expect('rescission' in webhookPayload(signingEvent, facts.agreementNo).data).toBe(false);
  });
});
