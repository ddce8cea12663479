import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createLocalDynamoDbClient } from '../../../lib/local/ensure-table';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { sequenceBody } from '../../helpers/sequences';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

const create = (body: Json = sequenceBody(), as = agent1) => api.call('POST', '/sequences', { as, body });

/** Sequence items as stored, read straight from the table: what "nothing written" means. */
const storedSequences = async () => {
  const client = createLocalDynamoDbClient(inject('dynamoEndpoint'));
  const { Items = [] } = await client.send(
    new ScanCommand({
      TableName: api.tableName,
      FilterExpression: '#entity = :sequence',
      ExpressionAttributeNames: { '#entity': '__edb_e__' },
      ExpressionAttributeValues: { ':sequence': { S: 'sequence' } },
    }),
  );
  return Items.length;
};

describe('the sequences API', () => {
  it("lists the read-only built-ins for hot, warm and cold leads before any of the agent's own", async () => {
    const res = await api.call('GET', '/sequences', { as: agent2 });

    expect(res.status).toBe(200);
    expect(res.body.items.map((s: Json) => [s.sequenceId, s.temperature, s.builtIn])).toEqual([
      ['builtin-hot', 'hot', true],
      ['builtin-warm', 'warm', true],
      ['builtin-cold', 'cold', true],
    ]);
  });

  it('shows the hot built-in with its steps at 2 h, 24 h and 72 h after the first answer', async () => {
    const res = await api.call('GET', '/sequences/builtin-hot');

    expect(res.status).toBe(200);
    expect(res.body.steps.map((s: Json) => [s.channel, s.delay.minutes, s.conditions])).toEqual([
      ['whatsapp', 0, []],
      ['whatsapp', 120, ['no_response']],
      ['call', 1440, ['whatsapp_delivered', 'no_response']],
      ['email', 4320, ['call_not_answered', 'no_response']],
    ]);
  });

  it('creates a sequence at version 1 that its agent can read and list', async () => {
    const res = await create();

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Open-house invitees',
      version: 1,
      builtIn: false,
      agentId: agent1.sub,
    });
    expect(res.body.steps[0].delay).toEqual({ minutes: 120, after: 'enrolment' });
    expect(res.headers.get('location')).toBe(`/sequences/${res.body.sequenceId}`);

    const read = await api.call('GET', `/sequences/${res.body.sequenceId}`);
    expect(read.body).toEqual(res.body);
    expect(read.headers.get('etag')).toBe('"1"');
    const list = await api.call('GET', '/sequences');
    expect(list.body.items.map((s: Json) => s.sequenceId)).toContain(res.body.sequenceId);
  });

  it('replaces a sequence with a new version and keeps the old version from being written over', async () => {
    const { body: created } = await create();
    const changed = sequenceBody({ name: 'Open-house, round two', temperature: 'warm' });

    const put = await api.call('PUT', `/sequences/${created.sequenceId}`, {
      body: changed,
      headers: { 'if-match': '"1"' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ name: 'Open-house, round two', temperature: 'warm', version: 2 });
    expect(put.headers.get('etag')).toBe('"2"');

    const stale = await api.call('PUT', `/sequences/${created.sequenceId}`, {
      body: { ...changed, version: 1 },
    });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ currentVersion: 2 });
    expect((await api.call('GET', `/sequences/${created.sequenceId}`)).body.name).toBe(
      'Open-house, round two',
    );
  });

  it("deletes a sequence of the agent's own", async () => {
    const { body: created } = await create();

    const res = await api.call('DELETE', `/sequences/${created.sequenceId}`);
    expect(res.status).toBe(204);
    expect((await api.call('GET', `/sequences/${created.sequenceId}`)).status).toBe(404);
  });

  it('refuses to change or delete a built-in with 403, leaving it as it was', async () => {
    const put = await api.call('PUT', '/sequences/builtin-hot', { body: sequenceBody() });
    const del = await api.call('DELETE', '/sequences/builtin-hot');

    for (const res of [put, del]) {
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.detail).toContain('read-only');
    }
    expect((await api.call('GET', '/sequences/builtin-hot')).body.steps).toHaveLength(4);
  });
});

describe("another agent's sequence", () => {
  it('is a 404 to read, replace or delete, even for the brokerage admin, and stays unchanged', async () => {
    const { body: mine } = await create();
    const path = `/sequences/${mine.sequenceId}`;

    for (const as of [agent2, admin]) {
      expect((await api.call('GET', path, { as })).status).toBe(404);
      expect((await api.call('PUT', path, { as, body: sequenceBody({ name: 'Taken' }) })).status).toBe(404);
      expect((await api.call('DELETE', path, { as })).status).toBe(404);
      const listed = await api.call('GET', '/sequences', { as });
      expect(listed.body.items.map((s: Json) => s.sequenceId)).not.toContain(mine.sequenceId);
    }
    const still = await api.call('GET', path);
    expect(still.body).toMatchObject({ name: 'Open-house invitees', version: 1 });
  });
});

describe('bad sequence input', () => {
  const rejected = async (
    send: () => Promise<{ status: number; body: Json; headers: Headers }>,
    field: string,
  ) => {
    const before = await storedSequences();
    const res = await send();
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: Json) => e.field)).toContain(field);
    expect(await storedSequences()).toBe(before);
    return res;
  };

  it('names the step and the unknown template field', async () => {
    const body = sequenceBody();
    body.steps[0] = {
      ...body.steps[0],
      message: { template: 'Hi {firstName}, about your {budget}?' },
    } as never;
    const res = await rejected(() => create(body), 'steps.0.message.template');
    expect(res.body.detail).toContain('{budget}');
  });

  it('names a delay past 90 days', () =>
    rejected(() => {
      const body = sequenceBody();
      body.steps[1] = { ...body.steps[1], delay: { minutes: 200_000 } } as never;
      return create(body);
    }, 'steps.1.delay.minutes'));

  it('names an unknown channel and a condition outside the vocabulary', async () => {
    const body = sequenceBody();
    body.steps[0] = { ...body.steps[0], channel: 'sms' } as never;
    await rejected(() => create(body), 'steps.0.channel');
    const body2 = sequenceBody();
    body2.steps[1] = { ...body2.steps[1], conditions: ['lead_is_rich'] } as never;
    await rejected(() => create(body2), 'steps.1.conditions.0');
  });

  it('names a missing name and no steps', () =>
    rejected(() => create({ temperature: 'hot', steps: [] }), 'name'));

  it('refuses a bad PUT without changing the stored version', async () => {
    const { body: created } = await create();
    const body = sequenceBody();
    body.steps[1] = { ...body.steps[1], conditions: ['call_not_answered'] } as never;
    const res = await rejected(
      () => api.call('PUT', `/sequences/${created.sequenceId}`, { body }),
      'steps.1.conditions.0',
    );
    expect(res.body.errors[0].message).toBe('call_not_answered needs an earlier call step');
    expect((await api.call('GET', `/sequences/${created.sequenceId}`)).body.version).toBe(1);
  });

  it('answers a malformed sequence id with 400 naming it', async () => {
    const res = await api.call('GET', '/sequences/not-an-id');
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: Json) => e.field)).toContain('sequenceId');
  });
});
