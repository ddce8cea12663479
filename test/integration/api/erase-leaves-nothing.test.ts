import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoAnalysisCache } from '../../../lambdas/adapters/dynamodb/analysis-cache';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { analyzeContent } from '../../../lambdas/domain/scoring/heuristic-content-analyzer';
import type { AnalysisCache } from '../../../lambdas/ports/analysis-cache';
import { systemClock } from '../../../lambdas/ports/clock';
import { scanTable } from '../../helpers/dynamodb';
import { type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import {
  postWebhook,
  signInAgents,
  timelineOf,
  waIdOf,
  webhookEnv,
  whatsAppPreference,
  whatsAppText,
} from '../../helpers/webhooks';

const sandbox = webhookEnv();
let api: TestApi;
let cache: AnalysisCache;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
  const crm = createCrmService(
    createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
    api.tableName,
  );
  cache = createDynamoAnalysisCache(crm, systemClock);
});
afterAll(() => api.close());

const PHONE = '+12125550181';
const person = {
  name: 'Quinn Marlowe',
  phone: '(212) 555-0181',
  email: 'quinn.marlowe@example.com',
  message: 'We love the Wisteria conservatory listing in Bellhaven',
};
/** What must not survive anywhere in the table: every spelling of the number, the email, the name, the words. */
const traces = [
  PHONE,
  waIdOf(PHONE),
  '2125550181',
  '555-0181',
  'quinn.marlowe',
  'Quinn',
  'Marlowe',
  'Wisteria',
  'conservatory',
  'Bellhaven',
  'Thornfield',
  'gazebo',
];

/** Every string in an item, with wamid-like values decoded too (a wamid carries the sender's number). */
const stringsIn = (value: unknown): string[] => {
  if (typeof value === 'string') {
    const decoded = Buffer.from(value.replace(/^wamid\./, ''), 'base64').toString('latin1');
    return [value, decoded];
  }
  if (Array.isArray(value)) return value.flatMap(stringsIn);
  if (value && typeof value === 'object') return Object.values(value).flatMap(stringsIn);
  return [];
};

const tracesLeft = async () => {
  const found = new Set<string>();
  for (const item of await scanTable(api.tableName)) {
    for (const text of stringsIn(item)) {
      for (const trace of traces) if (text.toLowerCase().includes(trace.toLowerCase())) found.add(trace);
    }
  }
  return [...found];
};

describe('DELETE /leads/{leadId} (erase)', () => {
  it('leaves no copy of the lead’s name, number, email or words anywhere in the table', async () => {
    const created = await api.call('POST', '/leads', {
      body: person,
      headers: { 'idempotency-key': 'app-erase-scan-create-1' },
    });
    expect(created.status).toBe(201);
    const { leadId } = created.body as Json;

    const inbound = await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from: waIdOf(PHONE), name: person.name, text: 'Is the Thornfield gazebo included?' }),
    );
    const note = await api.call('POST', `/leads/${leadId}/notes`, {
      body: { text: 'Quinn prefers Bellhaven, call after 6' },
      headers: { 'idempotency-key': 'app-erase-scan-note-1' },
    });
    const scored = await api.call('POST', `/leads/${leadId}/score`, {
      headers: { 'idempotency-key': 'app-erase-scan-score-1' },
    });
    const call = await api.call('POST', `/leads/${leadId}/tasks`, {
      body: {
        kind: 'call',
        dueAt: new Date(Date.now() + 86_400_000).toISOString(),
        note: 'Ask about the gazebo',
      },
      headers: { 'idempotency-key': 'app-erase-scan-task-1' },
    });
    const reminder = await api.call('POST', `/leads/${leadId}/tasks`, {
      body: { kind: 'reminder', dueAt: new Date(Date.now() + 3_600_000).toISOString() },
    });
    const remindedDone = await api.call('POST', `/tasks/${reminder.body.taskId}/complete`, {
      body: { note: 'Sent Quinn the Bellhaven brochure' },
      headers: { 'idempotency-key': 'app-erase-scan-task-2' },
    });
    const stop = await postWebhook(api, 'whatsapp', whatsAppPreference(waIdOf(PHONE), 'stop'));
    // What a model read from the words, cached under the lead (the local runtime analyses without a cache).
    await cache.put(
      { leadId, hash: 'b'.repeat(64) },
      { ...analyzeContent({ text: person.message }), preferences: { area: 'Bellhaven' } },
    );
    const timeline = await timelineOf(api, leadId);

    // Everything above really landed before the erase.
    expect([inbound.status, note.status, scored.status, stop.status]).toEqual([200, 201, 200, 200]);
    expect([call.status, reminder.status, remindedDone.status]).toEqual([201, 201, 200]);
    expect((await api.call('GET', '/tasks?due=upcoming')).body.items).toContainEqual(
      expect.objectContaining({ title: 'Call Quinn', lead: expect.objectContaining({ name: person.name }) }),
    );
    expect(timeline.map((item: Json) => item.text).join(' ')).toContain('Thornfield');
    expect(await cache.get({ leadId, hash: 'b'.repeat(64) })).toBeDefined();
    expect(await tracesLeft()).toEqual(expect.arrayContaining(['Quinn', 'Wisteria', 'Thornfield']));

    const erased = await api.call('DELETE', `/leads/${leadId}`);

    expect(erased.status).toBe(204);
    expect(await tracesLeft()).toEqual([]);
    expect((await scanTable(api.tableName)).filter((item) => item.__edb_e__ === 'task')).toEqual([]);
    expect((await api.call('GET', '/tasks?due=upcoming')).body.items).toEqual([]);
    const completeAfterErase = await api.call('POST', `/tasks/${call.body.taskId}/complete`, {
      body: { result: 'answered' },
    });
    expect(completeAfterErase.status).toBe(404);
    expect(await cache.get({ leadId, hash: 'b'.repeat(64) })).toBeUndefined();
  });

  it('keeps no analysis for a lead already erased when its scoring finishes late', async () => {
    const created = await api.call('POST', '/leads', {
      body: { name: 'Late Scoring', phone: '+1 212 555 0182' },
    });
    await api.call('DELETE', `/leads/${created.body.leadId}`);

    await cache.put(
      { leadId: created.body.leadId, hash: 'c'.repeat(64) },
      analyzeContent({ text: 'gazebo' }),
    );

    expect(await cache.get({ leadId: created.body.leadId, hash: 'c'.repeat(64) })).toBeUndefined();
  });
});
