/** Mapping of domain records to rows, shared by the API's reservation and the activities. */
import type { SigningEvent } from '../domain/signing-machine';
import type { signingEvents } from './schema';

export function eventRow(signingId: string, event: SigningEvent): typeof signingEvents.$inferInsert {
  return {
    signingId,
    seq: event.seq,
    action: event.action,
    actorRole: event.actor.role,
    actorId: event.actor.id,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    reason: event.reason ?? null,
    agreementVersion: event.agreementVersion ?? null,
    at: new Date(event.at),
  };
}
