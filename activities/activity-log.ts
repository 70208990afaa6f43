/**
 * The running activity's logger: the worker's, with the activity's attributes (workflowId,
 * activityType, attempt) and the requestId it was scheduled for. Activities are also called
 * directly as functions (tests, scripts); outside an activity there is nothing to log to.
 */
import { Context } from '@temporalio/activity';
import type { Logger } from '@temporalio/common';

const SILENT: Logger = { log() {}, trace() {}, debug() {}, info() {}, warn() {}, error() {} };

export function activityLog(): Logger {
  try {
    return Context.current().log;
  } catch {
    return SILENT;
  }
}
