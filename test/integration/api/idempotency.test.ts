import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent2, startTestApi, type TestApi } from '../../helpers/local-api';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const leadNames = async () =>
  (await api.call('GET', '/leads?limit=100')).body.items.map((l: { name: string }) => l.name) as string[];

describe('Idempotency-Key on POST', () => {
  it('answers a replayed create with the first result and creates one lead', async () => {
    const body = { name: 'Offline Replay', phone: '+1 212 555 0160' };
    const headers = { 'idempotency-key': 'app-7f3c2a91-create-1' };

    const first = await api.call('POST', '/leads', { body, headers });
    const replay = await api.call('POST', '/leads', { body, headers });

    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body.leadId).toBe(first.body.leadId);
    expect((await leadNames()).filter((name) => name === 'Offline Replay')).toHaveLength(1);
  });

  it('refuses the same key with a different body (422) and writes nothing', async () => {
    const headers = { 'idempotency-key': 'app-7f3c2a91-create-2' };
    await api.call('POST', '/leads', { body: { name: 'First Body' }, headers });
    const reused = await api.call('POST', '/leads', { body: { name: 'Second Body' }, headers });

    expect(reused.status).toBe(422);
    expect(reused.body.errors.map((e: { field: string }) => e.field)).toContain('Idempotency-Key');
    expect(await leadNames()).not.toContain('Second Body');
  });

  it('keeps keys apart per agent', async () => {
    const headers = { 'idempotency-key': 'shared-key-0001' };
    const mine = await api.call('POST', '/leads', { body: { name: 'Agent One Lead' }, headers });
    const theirs = await api.call('POST', '/leads', {
      as: agent2,
      body: { name: 'Agent One Lead' },
      headers,
    });

    expect(theirs.status).toBe(201);
    expect(theirs.body.leadId).not.toBe(mine.body.leadId);
  });

  it('runs a request again after it failed the first time, instead of replaying the failure', async () => {
    const holder = await api.call('POST', '/leads', { body: { name: 'Holder', phone: '+1 212 555 0161' } });
    const headers = { 'idempotency-key': 'app-7f3c2a91-retry-1' };
    const body = { name: 'Retry Me', phone: '+1 212 555 0161' };

    const clash = await api.call('POST', '/leads', { body, headers });
    await api.call('DELETE', `/leads/${holder.body.leadId}`);
    const retried = await api.call('POST', '/leads', { body, headers });

    expect(clash.status).toBe(409);
    expect(retried.status).toBe(201);
    expect(retried.body.name).toBe('Retry Me');
  });

  it('rejects a malformed key with 400 naming the header', async () => {
    const res = await api.call('POST', '/leads', {
      body: { name: 'Bad Key' },
      headers: { 'idempotency-key': 'no spaces!' },
    });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('Idempotency-Key');
    expect(await leadNames()).not.toContain('Bad Key');
  });
});
