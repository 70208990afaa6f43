/**
 * Webhook endpoint registration over HTTP: the secret is shown once, lists never show it, an
 * endpoint belongs to its party, and bad input is refused naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_ENDPOINTS_PER_PARTY } from '../../api/notifications/webhook-routes';
import { newParties } from '../support/flows';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('/api/webhooks', () => {
  it('registers an endpoint, shows its secret once, lists it without the secret, and deletes it', async () => {
    const p = await newParties(h);
    const created = await p.employer.post('/api/webhooks', { url: 'https://hr.example.com/hooks/wangqian', description: '人事系统' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      url: 'https://hr.example.com/hooks/wangqian',
      description: '人事系统',
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
      createdAt: expect.any(String),
    });
    expect(created.headers.get('location')).toBe(`/api/webhooks/${created.body.id}`);

    const list = await p.employer.get('/api/webhooks');
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      {
        id: created.body.id,
        url: 'https://hr.example.com/hooks/wangqian',
        description: '人事系统',
        createdAt: created.body.createdAt,
        stats: { delivered: 0, pending: 0, failed: 0, lastDeliveredAt: null },
      },
    ]);
    expect(JSON.stringify(list.body)).not.toContain(created.body.secret);

    // Another employer neither sees nor deletes it; existence is not revealed.
    expect((await p.otherEmployer.get('/api/webhooks')).body.items).toEqual([]);
    expect((await p.otherEmployer.request('DELETE', `/api/webhooks/${created.body.id}`)).status).toBe(404);
    // A school admin has endpoints of its own, apart from the employer's.
    const schools = await p.school.post('/api/webhooks', { url: 'http://10.0.0.5:8080/wq' });
    expect(schools.status).toBe(201);
    expect(schools.body.description).toBeNull();
    expect((await p.school.get('/api/webhooks')).body.items.map((i: any) => i.id)).toEqual([schools.body.id]);

    expect((await p.employer.request('DELETE', `/api/webhooks/${created.body.id}`)).status).toBe(204);
    expect((await p.employer.request('DELETE', `/api/webhooks/${created.body.id}`)).status).toBe(404);
    expect((await p.employer.request('DELETE', '/api/webhooks/not-a-uuid')).status).toBe(404);
    expect((await p.employer.get('/api/webhooks')).body.items).toEqual([]);
  });

  it('is for employers and school admins only', async () => {
    const p = await newParties(h);
    const post = await p.student.post('/api/webhooks', { url: 'https://example.com/h' });
    expect(post.status).toBe(403);
    expect(post.body.error.code).toBe('FORBIDDEN');
    expect((await p.student.get('/api/webhooks')).status).toBe(403);
    expect((await p.student.request('DELETE', '/api/webhooks/00000000-0000-4000-8000-000000000000')).status).toBe(403);
  });

  it('refuses a bad URL with 400 naming url', async () => {
    const p = await newParties(h);
    for (const url of ['ftp://example.com/h', 'not a url', 'https://user:pass@example.com/h', 'https://example.com/h#frag', '', 42]) {
      const res = await p.employer.post('/api/webhooks', { url });
      expect(res.status, String(url)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.details, String(url)).toEqual([{ path: 'url', message: expect.any(String) }]);
    }
    const credentials = await p.employer.post('/api/webhooks', { url: 'https://user:pass@example.com/h' });
    expect(credentials.body.error.details[0].message).toContain('用户名或密码');
    const missing = await p.employer.post('/api/webhooks', {});
    expect(missing.body.error.details).toEqual([{ path: 'url', message: '请填写 Webhook 地址' }]);
    const unknown = await p.employer.post('/api/webhooks', { url: 'https://example.com/h', secret: 'mine' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'secret', message: '不支持的字段' }]);
  });

  it('refuses a duplicate URL and more than the allowed number of endpoints', async () => {
    const p = await newParties(h);
    expect((await p.school.post('/api/webhooks', { url: 'https://school.example.edu/h/0' })).status).toBe(201);
    const duplicate = await p.school.post('/api/webhooks', { url: 'https://school.example.edu/h/0' });
    expect(duplicate.status).toBe(409);
    // Registered concurrently: the limit still holds exactly.
    const results = await Promise.all(
      Array.from({ length: MAX_ENDPOINTS_PER_PARTY + 2 }, (_, i) => p.school.post('/api/webhooks', { url: `https://school.example.edu/h/${i + 1}` })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(MAX_ENDPOINTS_PER_PARTY - 1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(3);
    expect((await p.school.get('/api/webhooks')).body.items).toHaveLength(MAX_ENDPOINTS_PER_PARTY);
  });
});
