/**
 * The portal's 解约 calls (api/rescissions/routes.ts), through the one typed client so cookies, the
 * CSRF rule (same origin) and the error middleware apply as to every other call. The request goes
 * as JSON, or — with a 解约函 — as multipart/form-data built by a bodySerializer (openapi-fetch then
 * leaves Content-Type to the browser, which adds the boundary).
 */
import { api } from '../../api/client';
import type { SigningView } from '../../api/types';

export type AnswerAction = 'agree' | 'reject' | 'approve' | 'withdraw';

/** Where a request's 解约函 downloads from (an attachment; parties of the signing only). */
export const letterHref = (signingId: string, rescissionId: string) =>
  `/api/signings/${signingId}/rescission/letter?rescissionId=${encodeURIComponent(rescissionId)}`;

export async function requestRescission(idempotencyKey: string, signingId: string, reason: string, letter: File | null): Promise<SigningView> {
  const { data } = await api.POST('/api/signings/{id}/rescission', {
    params: { path: { id: signingId } },
    body: { reason },
    headers: { 'Idempotency-Key': idempotencyKey },
    ...(letter
      ? {
          bodySerializer: () => {
            const form = new FormData();
            form.append('reason', reason);
            form.append('letter', letter, letter.name);
            return form;
          },
        }
      : {}),
  });
  return data as unknown as SigningView;
}

/**
 * 同意 / 拒绝 (with its reason) / 批准 / 撤回 on the request the page shows: naming it, so the server
 * refuses (409) rather than act on a newer request that replaced it since.
 */
export async function answerRescission(
  idempotencyKey: string,
  signingId: string,
  rescissionId: string,
  action: AnswerAction,
  reason?: string,
): Promise<SigningView> {
  const options = { params: { path: { id: signingId } }, headers: { 'Idempotency-Key': idempotencyKey } };
  const body = { rescissionId };
  const { data } =
    action === 'reject'
      ? await api.POST('/api/signings/{id}/rescission/reject', { ...options, body: { ...body, reason: reason ?? '' } })
      : action === 'agree'
        ? await api.POST('/api/signings/{id}/rescission/agree', { ...options, body })
        : action === 'approve'
          ? await api.POST('/api/signings/{id}/rescission/approve', { ...options, body })
          : await api.POST('/api/signings/{id}/rescission/withdraw', { ...options, body });
  return data as unknown as SigningView;
}
