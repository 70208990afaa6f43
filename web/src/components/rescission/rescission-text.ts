/**
 * The words of the 解约 card: what happens next, said from the viewer's side (the party the request
 * waits for is told what to decide; the others whom they wait for), and what 解约 means, shown
 * before anyone asks for it. From the request as the server presents it, nothing else.
 */
import type { Rescission, Role } from '../../api/types';

/** What 解约 leads to: said in the request dialog and on the card before a request. */
export const RESCISSION_MEANING =
  '解约须经对方同意，并由学校审批。学校批准后本协议解除，已同步的就业方案从就业方案库撤回，毕业生需重新填报就业方案；学校可能限定每名毕业生的解约次数，达到上限后不能再申请。';

export function rescissionNextStep(rescission: Rescission, viewer: Role, canRequestAgain: boolean): string {
  const again = canRequestAgain ? '如仍需解约，可重新申请。' : '';
  switch (rescission.status) {
    case 'PENDING_COUNTERPARTY':
      return rescission.awaiting === viewer
        ? `${rescission.requestedBy.roleLabel}申请解约，请确认是否同意；同意后交学校审批。`
        : `等待${rescission.awaitingLabel ?? '对方'}同意解约；同意后交学校审批。`;
    case 'PENDING_SCHOOL':
      return viewer === 'school'
        ? '双方已同意解约，请审核后批准或拒绝；批准后协议解除，就业方案从就业方案库撤回。'
        : '双方已同意解约，等待学校审批；批准后协议解除，就业方案从就业方案库撤回。';
    case 'APPROVED':
      return '学校已批准解约：本协议已解除，就业方案已从就业方案库撤回，毕业生可重新填报就业方案。';
    case 'REJECTED':
      return `解约申请未获同意，本协议继续有效。${again}`;
    case 'WITHDRAWN':
      return `解约申请已撤回，本协议继续有效。${again}`;
    case 'EXPIRED':
      return `解约申请逾期未办理，已过期，本协议继续有效。${again}`;
  }
}

/** `application/pdf`, 123456 → `PDF，121 KB`. */
export function letterDescription(letter: NonNullable<Rescission['letter']>): string {
  const kind = letter.contentType === 'application/pdf' ? 'PDF' : letter.contentType === 'image/png' ? 'PNG 图片' : 'JPEG 图片';
  const size = letter.size >= 1024 * 1024 ? `${(letter.size / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(letter.size / 1024))} KB`;
  return `${kind}，${size}`;
}
