/**
 * The agreement's canonical form and its SHA-256 hash (DESIGN §3 "Agreement version").
 *
 * Canonical form = RFC 8785 JSON Canonicalization (sorted keys, fixed number format) of the whole
 * document a student is asked to confirm: the signing it belongs to, its version, the employer's
 * unit nature and contact, the eight sections and the archive receiving details. Binding the
 * signing id and version into the hash means a student's confirmation can only ever match the
 * exact version it read. Pure JS (no node:crypto) so the workflow sandbox can compute it too.
 */
import canonicalize from 'canonicalize';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Agreement, Archive, Contact } from './schemas';

export interface AgreementDocument {
  signingId: string;
  version: number;
  unitNature: string;
  contact: Contact;
  agreement: Agreement;
  archive?: Archive | undefined;
}

export function canonicalAgreement(doc: AgreementDocument): string {
  // JSON drops undefined members, so an absent archive and `archive: undefined` hash the same.
  const text = canonicalize(JSON.parse(JSON.stringify(doc)));
  if (text === undefined) throw new TypeError('agreement document is not serialisable');
  return text;
}

export function agreementHash(doc: AgreementDocument): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalAgreement(doc))));
}
