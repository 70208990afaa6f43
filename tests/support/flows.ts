/** Drives a fresh signing to a given status through the API, for tests that start mid-flow. */
import type { SigningStatus } from '../../domain/status';
import { type Harness, type World, createWorld } from './harness';
import { ApiClient } from './http';
import { sampleApplication, sampleEmployerSign } from './sample-data';

export interface Parties {
  world: World;
  student: ApiClient;
  employer: ApiClient;
  school: ApiClient;
  otherStudent: ApiClient;
  otherEmployer: ApiClient;
  otherSchool: ApiClient;
}

export async function newParties(h: Harness): Promise<Parties> {
  const world = await createWorld(h.database);
  const [student, employer, school, otherStudent, otherEmployer, otherSchool] = await Promise.all(
    [world.student, world.employer, world.school, world.otherStudent, world.otherEmployer, world.otherSchool].map((u) =>
      ApiClient.login(h.baseUrl, u.username),
    ),
  );
  return { world, student: student!, employer: employer!, school: school!, otherStudent: otherStudent!, otherEmployer: otherEmployer!, otherSchool: otherSchool! };
}

async function ok(promise: Promise<{ status: number; body: any }>, expected: number, what: string) {
  const res = await promise;
  if (res.status !== expected) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Creates a signing and moves it to `status`; returns its id and the current agreement hash. */
export async function signingIn(p: Parties, status: SigningStatus): Promise<{ id: string; hash: string | null }> {
  const created = await ok(p.student.post('/api/signings', sampleApplication(p.world.employer.creditCode)), 201, 'create');
  const id: string = created.id;
  if (status === 'PENDING_EMPLOYER') return { id, hash: null };
  if (status === 'CANCELLED') {
    await ok(p.student.post(`/api/signings/${id}/cancel`, { reason: '测试取消' }), 200, 'cancel');
    return { id, hash: null };
  }
  if (status === 'EXPIRED') throw new Error('EXPIRED is reached by deadlines, not by the API');
  const signed = await ok(p.employer.post(`/api/signings/${id}/employer-sign`, sampleEmployerSign()), 200, 'sign');
  const hash: string = signed.agreement.hash;
  if (status === 'PENDING_STUDENT') return { id, hash };
  await ok(p.student.post(`/api/signings/${id}/student-confirm`, { agreementHash: hash, previewed: true }), 200, 'confirm');
  if (status === 'PENDING_SCHOOL') return { id, hash };
  await ok(p.school.post(`/api/signings/${id}/school-confirm`), 200, 'school confirm');
  return { id, hash };
}
