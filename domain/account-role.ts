/**
 * Account roles: the three parties of a signing, and operators (运维人员), who run the service and
 * read signings in the Temporal UI through the codec endpoint. An operator acts for no party, so
 * the party API refuses operators and the codec endpoint accepts only them.
 */
import { PARTIES, PARTY_LABELS, type Party } from './status';

export const ACCOUNT_ROLES = [...PARTIES, 'operator'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

export const ACCOUNT_ROLE_LABELS: Record<AccountRole, string> = { ...PARTY_LABELS, operator: '运维人员' };

export function isParty(role: AccountRole): role is Party {
  return role !== 'operator';
}
