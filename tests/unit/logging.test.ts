/**
 * The logging pieces that need no stack: the request-id rule, what an error looks like in a line
 * (no query parameters), redaction, the request id from the HTTP context on every line, the
 * Temporal header round trip, and the SDK adapter's levels.
 */
import { defaultPayloadConverter } from '@temporalio/common';
import { DrizzleQueryError } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../observability/logger';
import { serializeError } from '../../observability/log-serializers';
import { runInRequest } from '../../observability/request-context';
import { sdkLogger } from '../../observability/temporal-sdk-logger';
import { REQUEST_ID_HEADER, isSaneRequestId, requestIdOf, withRequestIdHeader } from '../../domain/request-id';

function capture(level: 'debug' | 'info' = 'info') {
  const lines: Array<Record<string, any>> = [];
  const logger = createLogger({ level, destination: { write: (text: string) => void lines.push(JSON.parse(text)) } });
  return { lines, logger };
}

describe('request ids', () => {
  it('accepts short tokens and refuses anything else', () => {
    for (const ok of ['test-4f1c', '0b9f1d9e-8c63-4f3a-9d43-5b0f4f3e2a11', '01HZX3K1Q8', 'gw.edge-1:42']) expect(isSaneRequestId(ok), ok).toBe(true);
    for (const bad of ['', ' ', 'a b', 'x'.repeat(129), '-x', 'a\nb', '<x>', 'a/b', 42, undefined, null]) expect(isSaneRequestId(bad), String(bad)).toBe(false);
    expect(isSaneRequestId('x'.repeat(128))).toBe(true);
  });

  it('travels in one Temporal header, and a malformed header counts as none', () => {
    const headers = withRequestIdHeader({}, 'test-1');
    expect(Object.keys(headers)).toEqual([REQUEST_ID_HEADER]);
    expect(requestIdOf(headers)).toBe('test-1');
    expect(withRequestIdHeader({}, undefined)).toEqual({});
    expect(requestIdOf(undefined)).toBeUndefined();
    expect(requestIdOf({ [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload('a b') })).toBeUndefined();
    expect(requestIdOf({ [REQUEST_ID_HEADER]: defaultPayloadConverter.toPayload({ id: 1 }) })).toBeUndefined();
    expect(requestIdOf({ [REQUEST_ID_HEADER]: { metadata: { encoding: new TextEncoder().encode('binary/encrypted') }, data: new Uint8Array([1]) } })).toBeUndefined();
  });
});

describe('createLogger', () => {
  it('writes JSON lines with level names and ISO times, and the current request id', () => {
    const { lines, logger } = capture();
    logger.info({ a: 1 }, 'outside');
    runInRequest('req-1', () => logger.info('inside'));
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'outside', a: 1 });
    expect(lines[0]).not.toHaveProperty('requestId');
    expect(lines[0]!.time).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(lines[1]).toMatchObject({ msg: 'inside', requestId: 'req-1' });
  });

  it('redacts a password or an Authorization header passed by mistake', () => {
    const { lines, logger } = capture();
    logger.info({ password: 'Secret-1', body: { password: 'Secret-2' }, headers: { authorization: 'Bearer abc' } }, 'oops');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['Secret-1', 'Secret-2', 'Bearer abc']) expect(text).not.toContain(secret);
  });

  it('logs a failed query without its parameters, in the message, the stack or a field', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505', detail: 'Key (name)=(张三) already exists.' });
    const err = new DrizzleQueryError('insert into students (name, examinee_no) values ($1, $2)', ['张三', '24110101123456'], cause);
    const { lines, logger } = capture();
    logger.error({ err }, 'failed');
    const text = JSON.stringify(lines[0]);
    expect(text).not.toContain('张三');
    expect(text).not.toContain('24110101123456');
    expect(lines[0]!.err).toMatchObject({ type: 'DrizzleQueryError', code: '23505' });
    expect(lines[0]!.err.message).toContain('insert into students');
    expect(serializeError('not an error')).toBe('not an error');
  });
});

describe('sdkLogger', () => {
  it('keeps workflow and activity levels and turns the worker’s INFO chatter into debug', () => {
    const { lines, logger } = capture('info');
    const sdk = sdkLogger(logger);
    sdk.info('Worker state changed', { sdkComponent: 'worker', state: 'RUNNING' });
    sdk.info('已记录状态变更', { sdkComponent: 'activity', requestId: 'req-2', [Symbol('ts')]: 1n });
    sdk.warn('Worker heartbeat late', { sdkComponent: 'worker' });
    sdk.log('ERROR', 'boom', { sdkComponent: 'workflow' });
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      ['info', '已记录状态变更'],
      ['warn', 'Worker heartbeat late'],
      ['error', 'boom'],
    ]);
    expect(lines[0]).toMatchObject({ sdkComponent: 'activity', requestId: 'req-2' });
  });
});
