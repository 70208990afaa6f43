/**
 * The agreement's canonical form and its SHA-256 hash (docs/design.md §5, agreement versions).
 *
 * Canonical form = RFC 8785 JSON Canonicalization (sorted keys, fixed number format) of the whole
 * document a student is asked to confirm: the signing it belongs to, its version, the employer's
 * unit nature and contact, the eight sections and the archive receiving details. Binding the
 * signing id and version into the hash means a student's confirmation can only ever match the
 * exact version it read. Pure JS (no node:crypto) so the workflow sandbox can compute it too.
 *
 * Versions of the canonical form:
 * - 1: the document as it is. Every version sent before the contract term kind existed (no
 *   `employmentTerms.contractTermKind`) was hashed this way, and still is, so its stored hash — in
 *   PostgreSQL and in recorded workflow histories — is recomputed unchanged.
 * - 2: the document with `"canonicalVersion": 2` added at the top level and the term kind always
 *   stated. The member makes a v2 text differ from any v1 text, so a hash names its form.
 *
 * Which form a document takes is decided by the document itself: one that states its kind is v2,
 * one without is v1. The send's schema always fills in the kind, so every version sent from now on
 * is v2. The workflow hashes the employerSign command its history records, so on replay an old
 * command (no kind) gives the v1 hash it gave then and a new one gives v2 — deterministic without
 * Temporal's `patched()`, which would be needed only if the same command had to hash differently
 * depending on when it first ran.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { termKindOf } from './contract-term';
import type { Agreement, Archive, Contact } from './schemas';

export interface AgreementDocument {
  signingId: string;
  version: number;
  unitNature: string;
  contact: Contact;
  agreement: Agreement;
  archive?: Archive | undefined;
}

export const CANONICAL_VERSIONS = [1, 2] as const;
export type CanonicalVersion = (typeof CANONICAL_VERSIONS)[number];
/** The form new versions are hashed under. */
export const CURRENT_CANONICAL_VERSION: CanonicalVersion = 2;

/** The form a document is hashed under: 1 when it has no term kind (sent before kinds existed), else 2. */
export function canonicalVersionOf(doc: AgreementDocument): CanonicalVersion {
  return doc.agreement.employmentTerms.contractTermKind === undefined ? 1 : 2;
}

/** JSON drops undefined members, so an absent archive and `archive: undefined` hash the same. */
function plainJson(doc: AgreementDocument): Record<string, unknown> {
  return JSON.parse(JSON.stringify(doc)) as Record<string, unknown>;
}

function canonicalText(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('agreement document is not serialisable');
  return text;
}

/**
 * The canonical text of `doc` under `version` (by default the form the document takes). v1 cannot
 * express a term kind: asking for it on a document that states one is a programming error.
 */
export function canonicalAgreement(doc: AgreementDocument, version: CanonicalVersion = canonicalVersionOf(doc)): string {
  if (version === 1) {
    if (doc.agreement.employmentTerms.contractTermKind !== undefined) {
      throw new TypeError('canonical form 1 has no contract term kind; a document that states one is hashed under form 2');
    }
    return canonicalText(plainJson(doc));
  }
  const json = plainJson(doc);
  const agreement = json.agreement as Record<string, unknown>;
  const terms = agreement.employmentTerms as Record<string, unknown>;
  return canonicalText({
    ...json,
    canonicalVersion: 2,
    agreement: { ...agreement, employmentTerms: { ...terms, contractTermKind: termKindOf(doc.agreement.employmentTerms) } },
  });
}

export function agreementHash(doc: AgreementDocument, version: CanonicalVersion = canonicalVersionOf(doc)): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalAgreement(doc, version))));
}

/** Whether `hash` is the hash of `doc` (under the form the document takes: old documents keep their v1 hash). */
export function verifyAgreementHash(doc: AgreementDocument, hash: string): boolean {
  return agreementHash(doc) === hash;
}
