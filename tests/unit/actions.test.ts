/**
 * The action registry (domain/actions.ts): every party action declares everything the other layers
 * derive from it, and every derived table — rules, labels, announcements, payload checks, the
 * workflow's Updates and Signals — covers exactly the registry's actions, under the message names
 * deployed clients and histories use.
 */
import { describe, expect, it } from 'vitest';
import { ACTIONS, PARTY_ACTIONS } from '../../domain/actions';
import { commandIssues } from '../../domain/command-checks';
import { RESCISSION_ACTION_NAMES } from '../../domain/rescission';
import { NOTIFICATION_TYPES, TYPE_OF_ACTION, isAnnounced } from '../../domain/notification-event';
import { ACTION_LABELS, PARTIES, RESCISSION_AUDIT_LABELS, PENDING_STATUSES, SIGNING_STATUSES, fitsStatus, isAllowed, partiesFor, targetStatus } from '../../domain/status';
import { z } from '../../domain/zod';
import { ACTION_SIGNALS, ACTION_UPDATES } from '../../workflows/messages';
import { sampleAgreement, sampleArchive, sampleContact, sampleEmployerSign } from '../support/sample-data';

const actor = { role: 'employer', id: 'acc-1', partyId: '91350200MA31E12PXF' };

/** A well-formed input of each action, as the API sends it in an Update. */
const SAMPLE_INPUTS: Record<(typeof PARTY_ACTIONS)[number], object> = {
  employerSign: { unitNature: '39', contact: sampleContact(), agreement: sampleAgreement(), archive: sampleArchive() },
  studentConfirm: { agreementHash: 'a'.repeat(64) },
  return: { reason: '税前月薪与面谈不一致' },
  schoolConfirm: {},
  cancel: { reason: '岗位已招满' },
  updateArchive: { archive: sampleArchive() },
};

/** A well-formed HTTP body of each action's route. */
const SAMPLE_BODIES: Record<(typeof PARTY_ACTIONS)[number], unknown> = {
  employerSign: sampleEmployerSign(),
  studentConfirm: { agreementHash: 'a'.repeat(64), previewed: true },
  return: { reason: '税前月薪与面谈不一致' },
  schoolConfirm: undefined,
  cancel: { reason: '岗位已招满' },
  updateArchive: sampleArchive(),
};

describe('the action registry', () => {
  it('keeps the message names (= Update and Signal names) and their order', () => {
    expect(PARTY_ACTIONS).toEqual(['employerSign', 'studentConfirm', 'return', 'schoolConfirm', 'cancel', 'updateArchive']);
  });

  it.each(PARTY_ACTIONS)('%s declares its parties, statuses, labels, announcement, body and input', (action) => {
    const spec = ACTIONS[action];
    expect(spec.parties.length).toBeGreaterThan(0);
    for (const party of spec.parties) expect(PARTIES).toContain(party);
    expect(spec.from.length).toBeGreaterThan(0);
    for (const status of spec.from) expect(PENDING_STATUSES).toContain(status);
    if (spec.to !== null) expect(SIGNING_STATUSES).toContain(spec.to);
    expect(spec.label).toMatch(/\p{Script=Han}/u);
    expect(spec.shortLabel).toMatch(/\p{Script=Han}/u);
    if (spec.announcedAs !== null) expect(NOTIFICATION_TYPES).toContain(spec.announcedAs);
    // A data-only action is no transition to tell anyone about.
    expect(spec.announcedAs === null).toBe(spec.to === null);
    expect(spec.body).toBeInstanceOf(z.ZodType);
    expect(spec.input).toBeInstanceOf(z.ZodType);
    expect(spec.body.safeParse(SAMPLE_BODIES[action]).success).toBe(true);
    expect(spec.input.safeParse(SAMPLE_INPUTS[action]).success).toBe(true);
    // Inputs are strict: an unknown field is refused, not carried into history.
    expect(spec.input.safeParse({ ...SAMPLE_INPUTS[action], extra: 1 }).success).toBe(false);
  });

  it('is what the derived rules, labels, announcements and payload checks read, for every action', () => {
    for (const action of PARTY_ACTIONS) {
      const spec = ACTIONS[action];
      expect(ACTION_LABELS[action]).toBe(spec.label);
      expect(partiesFor(action)).toEqual(spec.parties);
      expect(TYPE_OF_ACTION[action]).toBe(spec.announcedAs ?? undefined);
      expect(isAnnounced(action)).toBe(spec.announcedAs !== null);
      for (const status of SIGNING_STATUSES) {
        expect(fitsStatus(action, status), `${action} in ${status}`).toBe((spec.from as readonly string[]).includes(status));
        if (fitsStatus(action, status)) expect(targetStatus(action, status)).toBe(spec.to ?? status);
        for (const party of PARTIES) {
          if (!spec.parties.includes(party)) expect(isAllowed(action, status, party)).toBe(false);
        }
      }
      expect(commandIssues(action, { ...SAMPLE_INPUTS[action], actor })).toEqual([]);
      expect(commandIssues(action, { actor })).toEqual(action === 'schoolConfirm' ? [] : expect.arrayContaining([expect.objectContaining({ path: expect.any(String) })]));
    }
    // The system's audit actions keep their labels next to the parties', then the 解约 steps a signing's trail records.
    expect(Object.keys(ACTION_LABELS)).toEqual(['submit', ...PARTY_ACTIONS, 'expire', ...Object.keys(RESCISSION_AUDIT_LABELS)]);
    expect(Object.keys(RESCISSION_AUDIT_LABELS)).toEqual(['request', ...RESCISSION_ACTION_NAMES, 'expire'].map((a) => `rescission_${a}`));
  });

  it('gives the workflow one Update and one Signal per action, named as the action', () => {
    expect(Object.keys(ACTION_UPDATES)).toEqual([...PARTY_ACTIONS]);
    expect(Object.keys(ACTION_SIGNALS)).toEqual([...PARTY_ACTIONS]);
    for (const action of PARTY_ACTIONS) {
      expect(ACTION_UPDATES[action]).toMatchObject({ type: 'update', name: action });
      expect(ACTION_SIGNALS[action]).toMatchObject({ type: 'signal', name: action });
    }
  });
});
