/**
 * `GET /api/signings/:id/agreement/versions` (its parties): every version the employer sent,
 * oldest first, each with what changed from the one before it, field by field with Chinese labels
 * (domain/agreement-diff). Version 1 has `changes: null` (nothing to compare with); a later version
 * sent unchanged has `changes: []`. One version's full content is `GET …/agreement?version=N`.
 */
import { defineRoute, routeGroup } from '../http/define-route';
import { TAGS, json } from '../http/route-spec';
import { ANY_PARTY } from '../http/route-spec';
import { ownSigning, signingParam } from '../http/params';
import type { Db } from '../../db/client';
import { type AgreementSnapshot, diffAgreements } from '../../domain/agreement-diff';
import { callerOf } from '../auth/authenticate';
import { listAgreementVersions } from '../drafts/queries';
import { loadOwnSigning } from './queries';


type VersionRow = Awaited<ReturnType<typeof listAgreementVersions>>[number]['version'];

/** The part of a version the student confirms (what the hash covers besides id and number). */
function documentOf(v: VersionRow): AgreementSnapshot {
  return { unitNature: v.unitNature, contact: v.contact, agreement: v.agreement, archive: v.archive };
}

export const versionRoutes = routeGroup<{ db: Db }>('versions', [
  defineRoute({
    operationId: 'signing_versions',
    method: 'get',
    path: '/api/signings/{id}/agreement/versions',
    tag: TAGS.signings,
    summary: '协议各版本及逐字段变更',
    roles: ANY_PARTY,
    schemas: { params: signingParam },
    success: [json(200, '版本列表')],
    owns: ownSigning,
    handle: ({ db }) =>
      async (req, res) => {
        const caller = callerOf(req);
        const { signing } = await loadOwnSigning(db, req.params.id, caller);
        const versions = await listAgreementVersions(db, signing.id);
        res.json({
          currentVersion: signing.agreementVersion,
          items: versions.map(({ version: v, sentByName }, i) => {
            const previous = i > 0 ? versions[i - 1]!.version : null;
            return {
              version: v.version,
              hash: v.hash,
              current: v.version === signing.agreementVersion,
              sentAt: v.sentAt.toISOString(),
              sentBy: { role: 'employer' as const, id: v.sentBy, name: sentByName },
              previousVersion: previous?.version ?? null,
              changes: previous ? diffAgreements(documentOf(previous), documentOf(v)) : null,
            };
          }),
        });
      },
  }),
]);
