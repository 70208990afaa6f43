import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../domain/webhook-signature';

const secret = 'whsec_test-secret-0123456789abcdef';
const body = JSON.stringify({ id: 'abc.2', type: 'signing.employer_signed', data: { statusLabel: '待学生确认' } });
const t = 1_781_000_000;

describe('webhook signatures (Stripe scheme)', () => {
  it('signs t=<seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> and verifies it', () => {
    const header = signWebhook(secret, body, t);
    expect(header).toMatch(/^t=1781000000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(secret, header, body, 300, t + 10)).toBe(true);
    // Bytes and string of the same body verify alike (receivers often hold a Buffer).
    expect(verifyWebhookSignature(secret, header, new TextEncoder().encode(body), 300, t)).toBe(true);
  });

  it('matches an independent HMAC computation', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signWebhook(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('refuses a tampered body', () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body.replace('待学生确认', '已完成'), 300, t)).toBe(false);
    expect(verifyWebhookSignature(secret, header, `${body} `, 300, t)).toBe(false);
  });

  it('refuses a signature made with another secret', () => {
    const header = signWebhook('whsec_someone-else', body, t);
    expect(verifyWebhookSignature(secret, header, body, 300, t)).toBe(false);
  });

  it('refuses a timestamp outside the tolerance, and a replayed signature under a new timestamp', () => {
    const header = signWebhook(secret, body, t);
    expect(verifyWebhookSignature(secret, header, body, 300, t + 301)).toBe(false);
    expect(verifyWebhookSignature(secret, header, body, 300, t - 301)).toBe(false);
    const v1 = header.split('v1=')[1];
    expect(verifyWebhookSignature(secret, `t=${t + 1000},v1=${v1}`, body, 300, t + 1000)).toBe(false);
  });

  it('refuses missing or malformed headers, and accepts any of several v1 values (secret rotation)', () => {
    expect(verifyWebhookSignature(secret, undefined, body)).toBe(false);
    expect(verifyWebhookSignature(secret, '', body)).toBe(false);
    expect(verifyWebhookSignature(secret, 'v1=abc', body, 300, t)).toBe(false);
    expect(verifyWebhookSignature(secret, `t=${t}`, body, 300, t)).toBe(false);
    const good = signWebhook(secret, body, t).split('v1=')[1];
    const old = signWebhook('whsec_old', body, t).split('v1=')[1];
    expect(verifyWebhookSignature(secret, `t=${t},v1=${old},v1=${good}`, body, 300, t)).toBe(true);
  });
});
