import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanTable } from '../../helpers/dynamodb';
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

  it('keeps keys apart per route: the same key on a create and on a note runs both', async () => {
    const headers = { 'idempotency-key': 'shared-key-route-0001' };
    const created = await api.call('POST', '/leads', { body: { name: 'Route Scope Lead' }, headers });
    const note = await api.call('POST', `/leads/${created.body.leadId}/notes`, {
      body: { text: 'Asked about the garden' },
      headers,
    });
    const timeline = await api.call('GET', `/leads/${created.body.leadId}/timeline`);

    expect([created.status, note.status]).toEqual([201, 201]);
    expect(note.body.interactionId).toBeDefined();
    expect(timeline.body.items.map((item: { text?: string }) => item.text)).toContain(
      'Asked about the garden',
    );
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

  it('takes keys of 8 to 128 characters and refuses 7 or 129, writing nothing for those', async () => {
    const attempt = (key: string, name: string) =>
      api.call('POST', '/leads', { body: { name }, headers: { 'idempotency-key': key } });

    expect((await attempt('k'.repeat(8), 'Eight Chars')).status).toBe(201);
    expect((await attempt('k'.repeat(128), 'Long Key')).status).toBe(201);
    expect((await attempt('k'.repeat(7), 'Seven Chars')).status).toBe(400);
    expect((await attempt('k'.repeat(129), 'Too Long Key')).status).toBe(400);

    const names = await leadNames();
    expect(names).toEqual(expect.arrayContaining(['Eight Chars', 'Long Key']));
    expect(names).not.toContain('Seven Chars');
    expect(names).not.toContain('Too Long Key');
  });

  it('does the same key and body sent to another lead on that lead, not answer with the first one', async () => {
    const first = await api.call('POST', '/leads', { body: { name: 'Lead Alpha' } });
    const second = await api.call('POST', '/leads', { body: { name: 'Lead Beta' } });
    const headers = { 'idempotency-key': 'app-7f3c2a91-note-1' };
    const body = { text: 'Called, left a voicemail' };

    const onFirst = await api.call('POST', `/leads/${first.body.leadId}/notes`, { body, headers });
    const onSecond = await api.call('POST', `/leads/${second.body.leadId}/notes`, { body, headers });
    const timeline = await api.call('GET', `/leads/${second.body.leadId}/timeline`);

    expect(onFirst.status).toBe(201);
    expect(onSecond.status).toBe(201);
    expect(onSecond.body.leadId).toBe(second.body.leadId);
    expect(onSecond.body.interactionId).not.toBe(onFirst.body.interactionId);
    expect(timeline.body.items.map((item: { text?: string }) => item.text)).toContain(
      'Called, left a voicemail',
    );
  });

  it('still replays the same key on the same lead', async () => {
    const lead = await api.call('POST', '/leads', { body: { name: 'Lead Gamma' } });
    const headers = { 'idempotency-key': 'app-7f3c2a91-note-2' };
    const body = { text: 'Sent the brochure' };

    const first = await api.call('POST', `/leads/${lead.body.leadId}/notes`, { body, headers });
    const replay = await api.call('POST', `/leads/${lead.body.leadId}/notes`, { body, headers });
    const timeline = await api.call('GET', `/leads/${lead.body.leadId}/timeline`);

    expect(replay.body.interactionId).toBe(first.body.interactionId);
    expect(
      timeline.body.items.filter((item: { text?: string }) => item.text === 'Sent the brochure'),
    ).toHaveLength(1);
  });

  it('answers a replayed create after the lead was erased with 410, and keeps none of its data', async () => {
    const body = {
      name: 'Tamsin Okafor',
      phone: '+1 212 555 0163',
      email: 'tamsin.okafor@example.com',
      message: 'Interested in the Larkspur Lane townhouse',
    };
    const headers = { 'idempotency-key': 'app-7f3c2a91-erased-1' };
    const created = await api.call('POST', '/leads', { body, headers });
    const note = await api.call('POST', `/leads/${created.body.leadId}/notes`, {
      body: { text: 'Tamsin asked about Larkspur Lane parking' },
      headers: { 'idempotency-key': 'app-7f3c2a91-erased-2' },
    });

    const erased = await api.call('DELETE', `/leads/${created.body.leadId}`);
    const replay = await api.call('POST', '/leads', { body, headers });
    const noteReplay = await api.call('POST', `/leads/${created.body.leadId}/notes`, {
      body: { text: 'Tamsin asked about Larkspur Lane parking' },
      headers: { 'idempotency-key': 'app-7f3c2a91-erased-2' },
    });

    expect([created.status, note.status, erased.status]).toEqual([201, 201, 204]);
    expect(replay.status).toBe(410);
    expect(replay.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.stringify(replay.body)).not.toMatch(/Tamsin|Okafor|5550163|Larkspur/i);
    expect(noteReplay.status).toBe(410);
    const stored = JSON.stringify(await scanTable(api.tableName));
    expect(stored).not.toMatch(/Tamsin|Okafor|5550163|Larkspur/i);
  });
});
