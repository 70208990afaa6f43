/**
 * The Chinese message of a notification event for one recipient party: who did what, on which
 * signing, what the recipient should do next and by when (Beijing time). The inbox row and the
 * e-mail are both made from it. Pure: the activity loads the names (`NotificationFacts`) and calls
 * this, so every wording is unit-tested without a database.
 */
import { beijingTimeLong } from './beijing-time';
import type { NotificationEvent, NotificationType } from './notification-event';
import { RESCISSION_STATUS_LABELS } from './rescission';
import { type Party, PARTY_LABELS, STATUS_LABELS, type SigningStatus } from './status';

/** Names the message shows, loaded by the activity. */
export interface NotificationFacts {
  /** 协议书编号 (domain/agreement-no.ts): what the recipient can quote on the phone or search by. */
  agreementNo: string;
  studentName: string;
  examineeNo: string;
  employerName: string;
  schoolName: string;
  /** For an expiry: the party whose stage ran out, if known. */
  expiredAwaiting?: Party | null | undefined;
}

export interface NotificationMessage {
  title: string;
  body: string;
}

const HEADLINES: Record<Exclude<NotificationType, 'signing.reminder'>, string> = {
  'signing.submitted': '新的网上签约',
  'signing.employer_signed': '单位已签约',
  'signing.student_confirmed': '学生已确认',
  'signing.returned': '已退回单位',
  'signing.completed': '网签已完成',
  'signing.cancelled': '网签已取消',
  'signing.expired': '网签已过期',
  'signing.rescission_requested': '解约申请',
  // Not 对方已同意: the same headline goes to all three, the party that agreed among them.
  'signing.rescission_agreed': '已同意解约',
  'signing.rescission_rejected': '解约申请未获同意',
  'signing.rescission_withdrawn': '解约申请已撤回',
  'signing.rescission_expired': '解约申请已过期',
  'signing.rescinded': '已解约',
};

/** What the awaited party has to do, in the words of its own screens (docs/design.md §1). */
const TODO: Record<Party, string> = {
  employer: '登录单位平台，在「网上签约」中填写并发送就业协议书',
  student: '登录个人中心，查看并确认就业协议书',
  school: '在「网上签约管理」中审核，并确认同步至就业方案库',
};

/** What the party a 解约 request waits for has to do. */
const RESCISSION_TODO: Record<Party, string> = {
  employer: '登录单位平台，在「网上签约」中查看解约申请，同意或拒绝',
  student: '登录个人中心，查看解约申请，同意或拒绝',
  school: '在「解约审批」中审核，批准或拒绝',
};

/** Shortened status wording for titles once the signing has ended. */
const ENDED: Partial<Record<SigningStatus, string>> = {
  COMPLETED: '已同步至就业方案库',
  CANCELLED: '已取消',
  EXPIRED: '已过期',
};

/**
 * 考生号 as the recipient may see it: the school issued it and needs it to find the row; an
 * employer only needs the name, so it sees the number masked (e-mails leave our system).
 */
export function maskExamineeNo(no: string): string {
  const keep = Math.min(4, Math.floor(no.length / 3));
  return `${no.slice(0, keep)}${'*'.repeat(no.length - 2 * keep)}${no.slice(no.length - keep)}`;
}

export function composeNotification(event: NotificationEvent, facts: NotificationFacts, recipient: Party): NotificationMessage {
  const deadline = event.deadlineAt ? beijingTimeLong(event.deadlineAt) : null;
  const studentRef = recipient === 'student' ? '您' : `学生${facts.studentName}`;
  const employerRef = recipient === 'employer' ? '贵单位' : `用人单位${facts.employerName}`;
  // Which signing, from the recipient's side: the counterpart is what tells two signings apart.
  const label =
    recipient === 'student'
      ? `您与${facts.employerName}的就业协议书`
      : recipient === 'employer'
        ? `学生${facts.studentName}的就业协议书`
        : `学生${facts.studentName}与${facts.employerName}的就业协议书`;
  const rescission = event.rescission;
  const statePhrase = rescission
    ? event.awaiting === recipient
      ? '的解约申请待您办理'
      : `的解约申请${RESCISSION_STATUS_LABELS[rescission.status]}`
    : event.awaiting === recipient
      ? '待您确认'
      : (ENDED[event.status] ?? STATUS_LABELS[event.status]);
  const todo = rescission ? RESCISSION_TODO : TODO;
  const pendingWhat = rescission ? '的解约申请仍待您办理' : '仍待您确认';

  const actorRef = (role: Party | 'system' | undefined): string => {
    if (role === recipient) return '您';
    switch (role) {
      case 'student':
        return `学生${facts.studentName}`;
      case 'employer':
        return `用人单位${facts.employerName}`;
      case 'school':
        return `学校（${facts.schoolName}）`;
      default:
        return '系统';
    }
  };

  const reminder = event.reminder;
  const awaitedWhat = rescission ? '的解约申请待您办理' : '待您确认';
  const title =
    event.type === 'signing.reminder'
      ? reminder?.lastCall
        ? `最后提醒：${label}${awaitedWhat}${deadline ? `，将于 ${deadline} 到期` : ''}`
        : `提醒（第 ${reminder?.n ?? 1} 次）：${label}${awaitedWhat}`
      : `${HEADLINES[event.type]}：${label}${statePhrase}`;

  const version = event.agreementVersion ? `（第 ${event.agreementVersion} 版）` : '';
  const reason = event.reason ? `，原因：${event.reason}` : '';
  const happened = ((): string => {
    switch (event.type) {
      case 'signing.submitted':
        return `${studentRef}提交了就业方案，申请与${employerRef}网上签约。`;
      case 'signing.employer_signed':
        return `${employerRef}已签约并发送就业协议书${version}。`;
      case 'signing.student_confirmed':
        return `${studentRef}已确认就业协议书${version}。`;
      case 'signing.returned':
        return `${actorRef(event.actor?.role)}将就业协议书退回用人单位${reason}。`;
      case 'signing.completed':
        return `${actorRef(event.actor?.role)}已确认，就业协议书已同步至就业方案库，网上签约完成。`;
      case 'signing.cancelled':
        return `${actorRef(event.actor?.role)}取消了网上签约${reason}。`;
      case 'signing.expired': {
        const late = facts.expiredAwaiting;
        const who = late ? (late === recipient ? '您' : PARTY_LABELS[late]) : null;
        return `${who ? `${who}未在办理期限内办理，` : '超过办理期限，'}网上签约已于 ${beijingTimeLong(event.at)} 自动过期。`;
      }
      case 'signing.reminder':
        return reminder?.lastCall
          ? `这是最后一次提醒：${label}${pendingWhat}，逾期未办理，${rescission ? '解约申请' : '网上签约'}将自动过期。`
          : `${label}${pendingWhat}，这是第 ${reminder?.n ?? 1} 次提醒。`;
      case 'signing.rescission_requested':
        return `${actorRef(event.actor?.role)}申请解除${label}${reason}。`;
      case 'signing.rescission_agreed':
        return `${actorRef(event.actor?.role)}同意解除${label}，待学校审批。`;
      case 'signing.rescission_rejected':
        return `${actorRef(event.actor?.role)}拒绝了解约申请${reason}。就业协议书继续有效。`;
      case 'signing.rescission_withdrawn':
        return `${actorRef(event.actor?.role)}撤回了解约申请。就业协议书继续有效。`;
      case 'signing.rescission_expired':
        return `解约申请未在办理期限内办理，已于 ${beijingTimeLong(event.at)} 自动过期。就业协议书继续有效。`;
      case 'signing.rescinded':
        return `${actorRef(event.actor?.role)}已批准解约：${label}已解除，就业方案已从就业方案库撤回（记录保留）。`;
    }
  })();

  const next = ((): string => {
    const awaiting = event.awaiting;
    if (awaiting === recipient) return `下一步：${deadline ? `请于 ${deadline} 前办理` : '请尽快办理'}：${todo[recipient]}。`;
    if (awaiting) return `下一步：等待${PARTY_LABELS[awaiting]}办理${deadline ? `（办理期限 ${deadline}）` : ''}，您暂无需操作。`;
    if (event.status === 'RESCINDED') return recipient === 'student' ? '您可以重新填报就业方案，与其他单位签约。' : '无需进一步操作。';
    if (rescission) return '无需进一步操作。';
    if (event.status === 'COMPLETED') return recipient === 'student' ? '您的就业方案已更新，可在个人中心查看。' : '无需进一步操作。';
    return recipient === 'student' ? '如仍需签约，可重新填报就业方案。' : '无需进一步操作。';
  })();

  const examineeNo = recipient === 'employer' ? maskExamineeNo(facts.examineeNo) : facts.examineeNo;
  const body = [
    happened,
    `网签信息：学生 ${facts.studentName}（考生号 ${examineeNo}）· 用人单位 ${facts.employerName} · 学校 ${facts.schoolName} · 协议书编号 ${facts.agreementNo}`,
    `当前状态：${STATUS_LABELS[event.status]}`,
    ...(rescission ? [`解约申请：${RESCISSION_STATUS_LABELS[rescission.status]}`] : []),
    next,
    `时间：${beijingTimeLong(event.at)}（北京时间）`,
  ].join('\n');
  return { title, body };
}

/** The plain-text e-mail for a message: the same words, with a footer. */
export function emailText(message: NotificationMessage): string {
  return `${message.body}\n\n——\n此邮件由网上签约系统自动发送，请勿直接回复。`;
}
