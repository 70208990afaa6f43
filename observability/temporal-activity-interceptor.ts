/**
 * For the worker (`interceptors.activity`): an activity scheduled on behalf of a request — its
 * workflow put the id in the activity's headers — logs with that `requestId`, through the
 * activity context logger (`log` from @temporalio/activity) and the SDK's own activity lines.
 */
import type { ActivityInterceptors, ActivityInterceptorsFactory } from '@temporalio/worker';
import { requestIdOf } from '../domain/request-id';

export const requestIdActivityInterceptor: ActivityInterceptorsFactory = (): ActivityInterceptors => {
  // One factory call per activity execution, so this is the id of this execution only.
  let requestId: string | undefined;
  return {
    inbound: {
      execute(input, next) {
        requestId = requestIdOf(input.headers);
        return next(input);
      },
    },
    outbound: {
      getLogAttributes(input, next) {
        return next(requestId ? { ...input, requestId } : input);
      },
    },
  };
};
