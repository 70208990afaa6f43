/**
 * The worker's activities, built from their dependencies so tests and processes wire their own.
 */
import type { Db } from '../db/client';
import { createRecordTransition } from './record-transition';

export interface ActivityDeps {
  db: Db;
}

export function createActivities(deps: ActivityDeps) {
  return {
    recordTransition: createRecordTransition(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
export type { TransitionRecord } from './record-transition';
