/**
 * The agreement hash's canonical forms (domain/agreement-hash.ts): form 1 for documents without a
 * contract term kind — every hash recorded before kinds existed must recompute unchanged — and
 * form 2, which states the kind, for every version sent now.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AgreementDocument,
  agreementHash,
  canonicalAgreement,
  canonicalVersionOf,
  verifyAgreementHash,
} from '../../domain/agreement-hash';
import { sampleAgreement, sampleArchive, sampleContact, sampleLegacyAgreement, sampleOpenEndedAgreement, sampleTaskAgreement } from '../support/sample-data';

const HISTORIES = path.resolve(import.meta.dirname, '../fixtures/histories');

interface Payload {
  metadata?: { encoding?: string };
  data?: string;
}

/** Every json/plain payload of a recorded history (proto3 JSON, base64 data), decoded. */
function payloadsOf(file: string): unknown[] {
  const out: unknown[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const p = node as Payload;
    if (p.metadata?.encoding && Buffer.from(p.metadata.encoding, 'base64').toString() === 'json/plain' && p.data) {
      out.push(JSON.parse(Buffer.from(p.data, 'base64').toString('utf8')));
      return;
    }
    Object.values(node).forEach(walk);
  };
  walk(JSON.parse(readFileSync(file, 'utf8')));
  return out;
}

interface RecordedVersion {
  signingId: string;
  version: number;
  hash: string;
  doc: AgreementDocument;
}

/** The agreement versions the workflow recorded (its recordStep/recordTransition inputs carry `newVersion`). */
function recordedVersions(file: string): RecordedVersion[] {
  const found: RecordedVersion[] = [];
  const walk = (node: unknown, signingId: string | undefined): void => {
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    const id = typeof record.signingId === 'string' ? record.signingId : signingId;
    const v = record.newVersion as (Omit<AgreementDocument, 'signingId'> & { hash: string }) | undefined;
    if (v && id) {
      found.push({
        signingId: id,
        version: v.version,
        hash: v.hash,
        doc: { signingId: id, version: v.version, unitNature: v.unitNature, contact: v.contact, agreement: v.agreement, archive: v.archive },
      });
    }
    for (const child of Object.values(record)) walk(child, id);
  };
  for (const payload of payloadsOf(file)) walk(payload, undefined);
  return found;
}

function historyFiles(): string[] {
  return readdirSync(HISTORIES).filter((f) => f.endsWith('.json')).map((f) => path.join(HISTORIES, f));
}

/**
 * The versions the histories recorded before contract term kinds existed held (38, each once),
 * taken out of them when they were re-recorded for the one persistence path (commit 072d865's
 * tests/fixtures/histories, legacy/ included): `history` names the file each came from.
 */
const FORM_1_VERSIONS = path.resolve(import.meta.dirname, '../fixtures/agreement-hash/form-1-versions.json');

interface KeptVersion {
  history: string;
  signingId: string;
  version: number;
  hash: string;
  doc: Omit<AgreementDocument, 'signingId' | 'version'>;
}

function keptVersions(): Array<RecordedVersion & { file: string }> {
  const kept = JSON.parse(readFileSync(FORM_1_VERSIONS, 'utf8')) as KeptVersion[];
  return kept.map((v) => ({ file: v.history, signingId: v.signingId, version: v.version, hash: v.hash, doc: { ...v.doc, signingId: v.signingId, version: v.version } }));
}

function doc(agreement = sampleAgreement(), overrides: Partial<AgreementDocument> = {}): AgreementDocument {
  return {
    signingId: '5c4b7a13-0862-454e-9122-591b68901581',
    version: 1,
    unitNature: '39',
    contact: sampleContact(),
    agreement,
    archive: sampleArchive(),
    ...overrides,
  };
}

/** A 固定期限 12 个月 agreement, version 1 of signing 5c4b7a13…, spelled out for the form-2 vectors. */
const VECTOR: AgreementDocument = {
  signingId: '5c4b7a13-0862-454e-9122-591b68901581',
  version: 1,
  unitNature: '39',
  contact: { phone: '021-64826000', address: '上海市宝山区上大路99号', postcode: '200444', contactPerson: '张老师', email: '24@qq.com' },
  agreement: {
    subject: { position: '软件工程师', jobCategoryCode: '13', workLocation: '上海市', duties: '软件开发' },
    employmentTerms: {
      contractTermKind: 'fixed',
      contractTermMonths: 12,
      servicePeriodMonths: 12,
      probationMonths: 1,
      benefits: '调休',
      monthlySalaryPreTax: 5000,
      monthlySalaryAfterTax: 5000,
    },
    rescission: '经双方协商一致，可以解除本协议。',
    breachLiability: { penaltyYuan: 5000, text: '违约方向守约方支付违约金。' },
    effectiveness: '本协议经三方确认后生效。',
    termination: '乙方报到并签订劳动合同后，本协议自行终止。',
  },
};

describe('canonical form 1: hashes recorded before the contract term kind existed', () => {
  // The kept versions, and those the current histories record without a kind
  // (older-shapes-signed-by-signal-then-completed sends one as a Signal).
  const recorded = [
    ...keptVersions(),
    ...historyFiles().flatMap((file) =>
      recordedVersions(file)
        .filter((v) => v.doc.agreement.employmentTerms.contractTermKind === undefined)
        .map((v) => ({ ...v, file: path.basename(file) })),
    ),
  ];

  it('finds the versions the recorded histories hold', () => {
    expect(recorded.length).toBeGreaterThan(30);
    expect(recorded.every((v) => v.doc.agreement.employmentTerms.contractTermKind === undefined)).toBe(true);
  });

  it('recomputes every recorded hash unchanged (the workflow replays them the same way)', () => {
    const mismatched = recorded.filter((v) => agreementHash(v.doc) !== v.hash).map((v) => `${v.file} v${v.version}`);
    expect(mismatched).toEqual([]);
    expect(recorded.every((v) => canonicalVersionOf(v.doc) === 1 && verifyAgreementHash(v.doc, v.hash))).toBe(true);
  });

  it('keeps the vector of completed.json: 286de250…', () => {
    const completed = recorded.find((v) => v.file === 'completed.json')!;
    expect(completed.hash).toBe('286de2506559ef14a0ce7d6d2bb7d5fe0653785e2fe49e50ac47703051817e23');
    expect(agreementHash(completed.doc)).toBe(completed.hash);
    expect(canonicalAgreement(completed.doc)).not.toContain('canonicalVersion');
  });

  it('is the plain RFC 8785 text of a document without a kind, and cannot carry one', () => {
    const legacy = doc(sampleLegacyAgreement());
    expect(canonicalAgreement(legacy)).toMatch(/^\{"agreement":\{"breachLiability":/);
    expect(canonicalAgreement(legacy)).not.toContain('contractTermKind');
    expect(() => canonicalAgreement(doc(), 1)).toThrow(/form 2/);
  });
});

describe('canonical form 2: the kind is part of the hash', () => {
  it('is used for a document that states its kind, and names its version', () => {
    const fixed = doc();
    expect(canonicalVersionOf(fixed)).toBe(2);
    const text = canonicalAgreement(fixed);
    expect(text).toContain('"canonicalVersion":2');
    expect(text).toContain('"contractTermKind":"fixed","contractTermMonths":12');
  });

  it('has fixed vectors (written out here, so a change of the samples cannot move them)', () => {
    expect(agreementHash(VECTOR)).toBe('61488e44bfc6c969b1dd3f5089aa0c94c66d435ba6c65653cbd42b9d186c1e49');
    const openEnded = structuredClone(VECTOR);
    openEnded.agreement.employmentTerms = { contractTermKind: 'openEnded', servicePeriodMonths: 12, probationMonths: 6, benefits: '调休', monthlySalaryPreTax: 5000, monthlySalaryAfterTax: 5000 };
    expect(agreementHash(openEnded)).toBe('526b22c4e1fad266483cd994c950dde4d067ad629143c7b818265cd2ef1580db');
  });

  it('differs from form 1 for the same fixed-term content: a hash says which form it is', () => {
    expect(agreementHash(doc())).not.toBe(agreementHash(doc(sampleLegacyAgreement())));
    // Form 2 of a document without a kind reads it as fixed: the same text as stating `fixed`.
    expect(canonicalAgreement(doc(sampleLegacyAgreement()), 2)).toBe(canonicalAgreement(doc()));
  });

  it('changes with the kind', () => {
    const hashes = [doc(), doc(sampleOpenEndedAgreement()), doc(sampleTaskAgreement())].map((d) => agreementHash(d));
    expect(new Set(hashes).size).toBe(3);
    // Only the kind differs: an open-ended and a task-based agreement with the same other terms.
    const task = sampleTaskAgreement();
    const openEnded = { ...task, employmentTerms: { ...task.employmentTerms, contractTermKind: 'openEnded' as const } };
    expect(agreementHash(doc(openEnded))).not.toBe(agreementHash(doc(task)));
    expect(verifyAgreementHash(doc(task), agreementHash(doc(openEnded)))).toBe(false);
  });

  it('still binds the signing and the version, and ignores key order', () => {
    const base = agreementHash(doc());
    expect(agreementHash(doc(sampleAgreement(), { version: 2 }))).not.toBe(base);
    const reordered = doc();
    const { contractTermKind, ...rest } = reordered.agreement.employmentTerms;
    reordered.agreement.employmentTerms = { ...rest, contractTermKind };
    expect(agreementHash(reordered)).toBe(base);
  });
});
