/**
 * 协议书编号 under concurrency, on the real stack: many students of one school submit at once and
 * every signing gets its own number, the serials 1…N of the school's cohort with none shared. The
 * number is in the create response, the signing, the school's desk (searchable, and in the CSV)
 * and the Temporal UI summary.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementSerials } from '../../db/schema';
import { graduationCohort } from '../../domain/agreement-no';
import { type Harness, startHarness } from '../support/harness';
import { sampleApplication } from '../support/sample-data';
import { raceWorld } from './race-world';

const STUDENTS = 24;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('协议书编号', () => {
  it('gives concurrent submissions of one school distinct serials, shown everywhere', { timeout: 180_000 }, async () => {
    const w = await raceWorld(h, STUDENTS);
    const cohort = graduationCohort(new Date());
    const created = await Promise.all(w.students.map((s) => s.api.post('/api/signings', sampleApplication(w.creditCode))));
    for (const res of created) expect(res.status, JSON.stringify(res.body)).toBe(201);

    const numbers = created.map((res) => res.body.agreementNo as string);
    expect(new Set(numbers).size).toBe(STUDENTS);
    const serials = numbers.map((no) => {
      const [year, school, serial] = no.split('-');
      expect(year).toBe(String(cohort));
      expect(school).toBe(w.schoolCode);
      expect(serial).toMatch(/^\d{6}$/);
      return Number(serial);
    });
    // No submission was refused, so there are no gaps either.
    expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: STUDENTS }, (_, i) => i + 1));

    // A student who already has one is refused before a number is drawn: the counter stays at N.
    const again = await w.students[0]!.api.post('/api/signings', sampleApplication(w.creditCode));
    expect(again.status).toBe(409);
    const [counter] = await h.database.db.select().from(agreementSerials).where(eq(agreementSerials.schoolCode, w.schoolCode));
    expect(counter).toMatchObject({ cohort, lastSerial: STUDENTS });

    const first = created[0]!.body;
    const read = await w.students[0]!.api.get(`/api/signings/${first.id}`);
    expect(read.body.agreementNo).toBe(first.agreementNo);

    // Part of the number finds it (school code and serial: the serial alone may also be part of a 考生号).
    const part = (first.agreementNo as string).slice(5);
    const found = await w.school.get(`/api/school/signings?status=all&q=${encodeURIComponent(part)}`);
    expect(found.status).toBe(200);
    expect(found.body.items.map((r: { agreementNo: string }) => r.agreementNo)).toEqual([first.agreementNo]);

    const csv = await w.school.get(`/api/school/signings?status=all&format=csv&q=${encodeURIComponent(first.agreementNo)}`);
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('协议书编号');
    expect(String(csv.body)).toContain(first.agreementNo);

    const description = await h.client.workflow.getHandle(`signing-${first.id}`).describe();
    expect(await description.staticSummary()).toContain(first.agreementNo);
  });
});
