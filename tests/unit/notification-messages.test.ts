import { describe, expect, it } from 'vitest';
import { composeNotification, emailText, maskExamineeNo } from '../../domain/notification-messages';
import { reminderNotification, transitionNotification } from '../../domain/notification-event';
import type { SigningParties } from '../../domain/signing-machine';
import { webhookPayload } from '../../domain/webhook-payload';

const signingId = '0f6b3c2e-1111-4a4a-8b8b-123456789abc';
const parties: SigningParties = { studentId: 'b1d7b7c8-0000-4000-8000-000000000001', employerCreditCode: '914403001922038216', schoolCode: '10280' };
const facts = { agreementNo: '2027-10280-000123', studentName: '于同学', examineeNo: '31010519990101', employerName: 'tiger7', schoolName: '上海大学' };
// 2026-06-14 16:00 in Beijing.
const deadline = '2026-06-14T08:00:00.000Z';

describe('notification messages', () => {
  it('tells the student the employer signed, what to do and by when', () => {
    const event = transitionNotification(
      signingId,
      parties,
      { seq: 2, action: 'employerSign', actor: { role: 'employer', id: 'acc' }, fromStatus: 'PENDING_EMPLOYER', toStatus: 'PENDING_STUDENT', agreementVersion: 1, at: '2026-05-31T08:00:00.000Z' },
      'student',
      deadline,
    );
    const toStudent = composeNotification(event, facts, 'student');
    expect(toStudent.title).toBe('单位已签约：您与tiger7的就业协议书待您确认');
    expect(toStudent.body).toContain('用人单位tiger7已签约并发送就业协议书（第 1 版）');
    expect(toStudent.body).toContain('请于 2026年6月14日 16:00 前办理：登录个人中心，查看并确认就业协议书');
    expect(toStudent.body).toContain('考生号 31010519990101');

    const toEmployer = composeNotification(event, facts, 'employer');
    expect(toEmployer.title).toBe('单位已签约：学生于同学的就业协议书待学生确认');
    expect(toEmployer.body).toContain('贵单位已签约');
    expect(toEmployer.body).toContain('等待学生办理（办理期限 2026年6月14日 16:00），您暂无需操作');
    // The employer does not need the full 考生号.
    expect(toEmployer.body).not.toContain('31010519990101');
    expect(toEmployer.body).toContain(`考生号 ${maskExamineeNo('31010519990101')}`);

    const toSchool = composeNotification(event, facts, 'school');
    expect(toSchool.title).toBe('单位已签约：学生于同学与tiger7的就业协议书待学生确认');
    expect(toSchool.body).toContain('协议书编号 2027-10280-000123');
  });

  it('names the reason of a return and a cancellation, and who did it', () => {
    const returned = transitionNotification(
      signingId,
      parties,
      { seq: 3, action: 'return', actor: { role: 'student', id: 'acc' }, fromStatus: 'PENDING_STUDENT', toStatus: 'PENDING_EMPLOYER', reason: '薪资有误', at: '2026-06-01T02:00:00.000Z' },
      'employer',
      deadline,
    );
    expect(composeNotification(returned, facts, 'employer').body).toContain('学生于同学将就业协议书退回用人单位，原因：薪资有误');
    expect(composeNotification(returned, facts, 'student').body).toContain('您将就业协议书退回用人单位');
    expect(composeNotification(returned, facts, 'employer').title).toBe('已退回单位：学生于同学的就业协议书待您确认');

    const cancelled = transitionNotification(
      signingId,
      parties,
      { seq: 2, action: 'cancel', actor: { role: 'school', id: 'acc' }, fromStatus: 'PENDING_EMPLOYER', toStatus: 'CANCELLED', reason: '信息错误', at: '2026-06-01T02:00:00.000Z' },
      null,
      null,
    );
    const toStudent = composeNotification(cancelled, facts, 'student');
    expect(toStudent.title).toBe('网签已取消：您与tiger7的就业协议书已取消');
    expect(toStudent.body).toContain('学校（上海大学）取消了网上签约，原因：信息错误');
    expect(toStudent.body).toContain('如仍需签约，可重新填报就业方案');
  });

  it('words a reminder with its number and the deadline', () => {
    const event = reminderNotification(signingId, parties, 'PENDING_EMPLOYER', 'employer', 1, { n: 2, lastCall: false }, '2026-06-06T08:00:00.000Z', deadline);
    const msg = composeNotification(event, facts, 'employer');
    expect(msg.title).toBe('提醒（第 2 次）：学生于同学的就业协议书待您确认');
    expect(msg.body).toContain('请于 2026年6月14日 16:00 前办理：登录单位平台，在「网上签约」中填写并发送就业协议书');
    expect(msg.body).toContain('这是第 2 次提醒');
  });

  it('says the last call is the last reminder and when it expires', () => {
    const event = reminderNotification(signingId, parties, 'PENDING_SCHOOL', 'school', 3, { n: 5, lastCall: true }, '2026-06-13T08:00:00.000Z', deadline);
    const msg = composeNotification(event, facts, 'school');
    expect(msg.title).toBe('最后提醒：学生于同学与tiger7的就业协议书待您确认，将于 2026年6月14日 16:00 到期');
    expect(msg.body).toContain('这是最后一次提醒');
    expect(msg.body).toContain('逾期未办理，网上签约将自动过期');
    expect(msg.body).toContain('在「网上签约管理」中审核，并确认同步至就业方案库');
  });

  it('tells everyone of an expiry, naming the party that let it lapse', () => {
    const event = transitionNotification(
      signingId,
      parties,
      { seq: 2, action: 'expire', actor: { role: 'system', id: 'system' }, fromStatus: 'PENDING_EMPLOYER', toStatus: 'EXPIRED', at: deadline },
      null,
      null,
    );
    const withFacts = { ...facts, expiredAwaiting: 'employer' as const };
    const toStudent = composeNotification(event, withFacts, 'student');
    expect(toStudent.title).toBe('网签已过期：您与tiger7的就业协议书已过期');
    expect(toStudent.body).toContain('用人单位未在办理期限内办理，网上签约已于 2026年6月14日 16:00 自动过期');
    expect(toStudent.body).toContain('可重新填报就业方案');
    expect(composeNotification(event, withFacts, 'employer').body).toContain('您未在办理期限内办理');
    expect(composeNotification(event, facts, 'school').body).toContain('超过办理期限，网上签约已于');
  });

  it('makes the e-mail from the same words, and the webhook body without personal data', () => {
    const event = reminderNotification(signingId, parties, 'PENDING_STUDENT', 'student', 2, { n: 1, lastCall: false }, '2026-06-03T08:00:00.000Z', deadline);
    const msg = composeNotification(event, facts, 'student');
    expect(emailText(msg).startsWith(msg.body)).toBe(true);
    const payload = webhookPayload(event, facts.agreementNo);
    expect(payload).toEqual({
      id: `${signingId}.2.r1`,
      type: 'signing.reminder',
      createdAt: '2026-06-03T08:00:00.000Z',
      data: { signingId, agreementNo: '2027-10280-000123', status: 'PENDING_STUDENT', statusLabel: '待学生确认', awaiting: 'student', deadlineAt: deadline, reminder: { n: 1, lastCall: false } },
    });
    expect(JSON.stringify(payload)).not.toContain('于同学');
  });

  it('masks the 考生号 keeping its ends', () => {
    expect(maskExamineeNo('31010519990101')).toBe('3101******0101');
    expect(maskExamineeNo('123456789')).toBe('123***789');
  });
});
