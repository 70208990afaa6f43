/**
 * The parties of a signing and their Chinese names. No imports, so the portal's pages that only
 * show who acted load nothing else (domain/status.ts re-exports these for everyone else).
 */

/** The three parties of a signing. Account roles use the same names. */
export const PARTIES = ['student', 'employer', 'school'] as const;
export type Party = (typeof PARTIES)[number];

export const PARTY_LABELS: Record<Party, string> = {
  student: '学生',
  employer: '用人单位',
  school: '学校',
};

/** The parties as their accounts are named to a person refused an action: 学生, 用人单位, 学校管理员. */
export const PARTY_ROLE_NAMES: Record<Party, string> = { student: '学生', employer: '用人单位', school: '学校管理员' };

/** Who acted, in an audit trail: a party, or the system (an expiry). */
export const ACTOR_LABELS: Record<Party | 'system', string> = { ...PARTY_LABELS, system: '系统' };

/** An actor's label, for a role read from a response (the role itself if unknown). */
export function actorLabel(role: string): string {
  return (ACTOR_LABELS as Record<string, string>)[role] ?? role;
}
