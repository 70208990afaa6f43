/**
 * What the student's signing page shows, loaded together: the signing, the agreement version the
 * employer sent last (null before the first one), the fields that version changed from the one
 * before (after a return), and the audit trail.
 */
import { ApiError, api } from '../../api/client';
import type { AgreementFieldChange, AgreementVersionView, AgreementVersionsView, SigningEvent, SigningView } from '../../api/types';

export interface SigningPageData {
  signing: SigningView;
  agreement: AgreementVersionView | null;
  /** The shown version's changes from the version before; null for version 1 or none sent. */
  changes: AgreementFieldChange[] | null;
  versionCount: number;
  events: SigningEvent[];
}

const orNullOn404 = <T>(promise: Promise<T>): Promise<T | null> =>
  promise.catch((err: unknown) => {
    if (err instanceof ApiError && err.status === 404) return null;
    throw err;
  });

export async function loadSigningPage(id: string): Promise<SigningPageData> {
  const path = { params: { path: { id } } };
  const [signing, agreement, versions, events] = await Promise.all([
    api.GET('/api/signings/{id}', path).then((r) => r.data as unknown as SigningView),
    orNullOn404(api.GET('/api/signings/{id}/agreement', path).then((r) => r.data as unknown as AgreementVersionView)),
    api.GET('/api/signings/{id}/agreement/versions', path).then((r) => r.data as unknown as AgreementVersionsView),
    api.GET('/api/signings/{id}/events', path).then((r) => (r.data as unknown as { items: SigningEvent[] }).items),
  ]);
  const shown = agreement ? versions.items.find((v) => v.version === agreement.version) : undefined;
  return { signing, agreement, changes: shown?.changes ?? null, versionCount: versions.items.length, events };
}
