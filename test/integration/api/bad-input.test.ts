import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevKey, signDevToken } from '../../../lib/local/dev-auth';
import { agent1, agent2, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const leadCount = async () => (await api.call('GET', '/leads?limit=100')).body.items.length as number;

/** Each bad request must be a 4xx problem naming what is wrong, and must write nothing. */
const expectRejectedWithoutWrite = async (
  send: () => Promise<{ status: number; headers: Headers; body: { errors?: Array<{ field: string }> } }>,
  status: number,
  field?: string,
) => {
  const before = await leadCount();
  const res = await send();
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  if (field) expect(res.body.errors?.map((e) => e.field)).toContain(field);
  expect(await leadCount()).toBe(before);
};

describe('bad input on the lead API', () => {
  it('rejects malformed JSON with 400 naming the body', () =>
    expectRejectedWithoutWrite(() => api.call('POST', '/leads', { rawBody: '{"name": "Dana' }), 400, 'body'));

  it('rejects a wrong type with 400 naming the field', () =>
    expectRejectedWithoutWrite(() => api.call('POST', '/leads', { body: { name: 42 } }), 400, 'name'));

  it('rejects an unknown field with 400 naming it', () =>
    expectRejectedWithoutWrite(
      () => api.call('POST', '/leads', { body: { name: 'Dana Lee', score: 100 } }),
      400,
      'score',
    ));

  it('rejects a nested wrong value with its path', () =>
    expectRejectedWithoutWrite(
      () => api.call('POST', '/leads', { body: { name: 'Dana Lee', propertyInterest: { price: -5 } } }),
      400,
      'propertyInterest.price',
    ));

  it('rejects a body over the limit with 413', () =>
    expectRejectedWithoutWrite(
      () => api.call('POST', '/leads', { body: { name: 'Dana Lee', message: 'x'.repeat(70 * 1024) } }),
      413,
    ));

  it('rejects an invalid phone with 400 naming phone', () =>
    expectRejectedWithoutWrite(
      () => api.call('POST', '/leads', { body: { name: 'Dana Lee', phone: '12345' } }),
      400,
      'phone',
    ));

  it('rejects an invalid email with 400 naming email', () =>
    expectRejectedWithoutWrite(
      () => api.call('POST', '/leads', { body: { name: 'Dana Lee', email: 'dana@' } }),
      400,
      'email',
    ));

  it('rejects a malformed lead id with 400 naming leadId', async () => {
    const res = await api.call('GET', '/leads/not-an-id');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('leadId');
  });

  it('rejects a cursor that is not from the list with 400 naming cursor', async () => {
    const res = await api.call('GET', `/leads?cursor=${encodeURIComponent('eyJwayI6IngifQ')}`);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('cursor');
  });

  it('rejects an out-of-range limit with 400 naming limit', async () => {
    const res = await api.call('GET', '/leads?limit=5000');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('limit');
  });

  it('rejects a malformed If-Match with 400 naming it', async () => {
    const created = await api.call('POST', '/leads', { body: { name: 'Dana Lee' } });
    const res = await api.call('PATCH', `/leads/${created.body.leadId}`, {
      body: { status: 'lost' },
      headers: { 'if-match': 'yesterday' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('If-Match');
  });

  it('answers an unknown route with 404', async () => {
    const res = await api.call('GET', '/leads/01JD7Q3M2Y9V1X8K4T6R5W0ZAB/unknown');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('bad tokens', () => {
  const createWith = (as: { token: string } | null) =>
    api.call('POST', '/leads', { as, body: { name: 'Should Not Exist' } });

  it('rejects a missing token with 401 and writes nothing', () =>
    expectRejectedWithoutWrite(() => createWith(null), 401));

  it('rejects an expired token with 401', () =>
    expectRejectedWithoutWrite(
      () =>
        createWith({
          token: api.tokenFor(agent1, { now: new Date(Date.now() - 2 * 3_600_000), expiresInSeconds: 3_600 }),
        }),
      401,
    ));

  it('rejects a token signed with another key with 401', () => {
    const otherKey = loadOrCreateDevKey(mkdtempSync(join(tmpdir(), 'lead-crm-other-key-')));
    return expectRejectedWithoutWrite(() => createWith({ token: signDevToken(otherKey, agent1) }), 401);
  });

  it('rejects an unsigned alg:none token with 401', () => {
    const [, payload] = api.tokenFor(agent1).split('.');
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    return expectRejectedWithoutWrite(() => createWith({ token: `${header}.${payload}.` }), 401);
  });

  it('rejects a token whose claims were altered with 401', () => {
    const [header, payload, signature] = api.tokenFor(agent1).split('.');
    const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...claims, sub: agent2.sub })).toString('base64url');
    return expectRejectedWithoutWrite(() => createWith({ token: `${header}.${forged}.${signature}` }), 401);
  });
});
