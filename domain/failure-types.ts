/**
 * Failure types shared by the activities that raise them and the workflow and API that read them.
 * Pure (workflow-sandbox safe).
 */

/** A write PostgreSQL refused for its data: no retry can fix it (activities/unstorable-write.ts). */
export const UNSTORABLE_WRITE = 'UNSTORABLE_WRITE';
