import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createLeadEventLog } from '../../../lambdas/adapters/dynamodb/lead-event-log';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import {
  getLead,
  leadWithPhone,
  ownerOf,
  postWebhook,
  signInAgents,
  timelineOf,
  webhookEnv,
  whatsAppPreference,
  whatsAppText,
} from '../../helpers/webhooks';

const sandbox = webhookEnv();
let api: TestApi;
let crm: CrmService;
let events: ReturnType<typeof createLeadEventLog>;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
  crm = createCrmService(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }), api.tableName);
  events = createLeadEventLog(crm);
});
afterAll(() => api.close());

const nowSeconds = () => Math.floor(Date.now() / 1000);
const template = { template: { name: 'viewing_follow_up', language: 'en_US', parameters: ['Sam'] } };
const consentEntries = async (leadId: string) =>
  (await timelineOf(api, leadId)).filter((item) => item.type === 'consent');
const eventTypes = async (leadId: string) =>
  (await events.since(leadId, '2000-01-01T00:00:00.000Z')).map((event) => event.type);

/** Every item of the test's table, as stored. */
const scanTable = async (): Promise<Json[]> => {
  const client = createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT });
  const items: Json[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: api.tableName, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
};

describe('a STOP belongs to the number, across the brokerage', () => {
  it("shows a STOP on another agent's lead created later with the number, and refuses to send to it", async () => {
    await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from: '12125550184', text: 'Hello, is it available?' }),
    );
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550184', text: 'STOP' }));
    const first = await leadWithPhone(api, '+12125550184');
    const other = [agent1, agent2].find((user) => user.sub !== first.agentId)!;
    const outboxBefore = (await sandbox.outbox.list()).length;

    const created = await api.call('POST', '/leads', {
      as: other,
      body: { name: 'Sam Rivera', phone: '(212) 555-0184', source: 'referral' },
    });
    const send = await api.call('POST', `/leads/${created.body.leadId}/whatsapp`, {
      as: other,
      body: template,
    });

    expect(created.status).toBe(201);
    expect(created.body.agentId).toBe(other.sub);
    expect(created.body.consent).toMatchObject({ whatsapp: 'opted_out' });
    expect((await getLead(api, created.body.leadId)).consent.whatsapp).toBe('opted_out');
    expect(send.status).toBe(422);
    expect(send.body.reason).toBe('opted_out');
    expect(await sandbox.outbox.list()).toHaveLength(outboxBefore);
  });

  it("opts out a lead typed in by hand when WhatsApp's stop for its number arrives, and asks the registry at send time", async () => {
    const created = await api.call('POST', '/leads', {
      as: agent1,
      body: { name: 'Sam Rivera', phone: '+1 212 555 0185', source: 'website' },
    });
    expect(created.body.consent).toBeUndefined();
    await postWebhook(api, 'whatsapp', whatsAppPreference('12125550185', 'stop'));
    expect((await getLead(api, created.body.leadId)).consent.whatsapp).toBe('opted_out');
    // A lead copy that missed the change (as after a failure part-way) must not let a send through.
    await crm.entities.lead
      .patch({ leadId: created.body.leadId })
      .set({ consent: { whatsapp: 'opted_in' } })
      .go();
    expect((await getLead(api, created.body.leadId)).consent.whatsapp).toBe('opted_in');
    const outboxBefore = (await sandbox.outbox.list()).length;

    const send = await api.call('POST', `/leads/${created.body.leadId}/whatsapp`, {
      as: agent1,
      body: template,
    });

    expect(send.status).toBe(422);
    expect(send.body.reason).toBe('opted_out');
    expect(await sandbox.outbox.list()).toHaveLength(outboxBefore);
  });

  it('keeps the STOP through an erase: the lead the next message creates starts opted out, and START opts it back in', async () => {
    const from = '12125550186';
    // Meta times messages to the second and a tie keeps the opt-out, so the STOP is a minute older than the START.
    const stopAt = Math.floor(Date.now() / 1000) - 60;
    await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from, text: 'Hi, what is the asking price?', timestamp: stopAt - 60 }),
    );
    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'STOP', timestamp: stopAt }));
    const erased = await leadWithPhone(api, `+${from}`);
    expect((await api.call('DELETE', `/leads/${erased.leadId}`, { as: ownerOf(erased) })).status).toBe(204);

    await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from, text: 'Hello again, is the loft still for sale?' }),
    );
    const fresh = await leadWithPhone(api, `+${from}`);
    const refused = await api.call('POST', `/leads/${fresh.leadId}/whatsapp`, {
      as: ownerOf(fresh),
      body: { text: 'Yes, it is!' },
    });

    expect(fresh.leadId).not.toBe(erased.leadId);
    expect(fresh.consent.whatsapp).toBe('opted_out');
    expect(refused.status).toBe(422);
    expect(refused.body.reason).toBe('opted_out');

    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'START' }));
    const outboxBefore = (await sandbox.outbox.list()).length;
    const sent = await api.call('POST', `/leads/${fresh.leadId}/whatsapp`, {
      as: ownerOf(fresh),
      body: { text: 'Welcome back! Yes, it is still for sale.' },
    });

    expect((await getLead(api, fresh.leadId)).consent.whatsapp).toBe('opted_in');
    expect(await eventTypes(fresh.leadId)).toContain('lead.opted_in');
    expect(sent.status).toBe(201);
    expect(await sandbox.outbox.list()).toHaveLength(outboxBefore + 1);
  });

  it('leaves no item holding the number after the erase: the registry keeps only its hash', async () => {
    const from = '12125550187';
    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'Is the 2-bed on Elm St available?' }));
    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'STOP' }));
    const lead = await leadWithPhone(api, `+${from}`);
    expect((await scanTable()).filter((item) => JSON.stringify(item).includes(from)).length).toBeGreaterThan(
      0,
    );

    expect((await api.call('DELETE', `/leads/${lead.leadId}`, { as: ownerOf(lead) })).status).toBe(204);

    const items = await scanTable();
    expect(items.filter((item) => JSON.stringify(item).includes(from))).toEqual([]);
    const hashes = [`phone:+${from}`, `wa_id:${from}`].map((point) =>
      createHash('sha256').update(point).digest('hex'),
    );
    const registry = items.filter((item) => hashes.some((hash) => JSON.stringify(item).includes(hash)));
    expect(registry.map((item) => item.state)).toEqual(['opted_out', 'opted_out']);
  });
});

describe('consent follows when the person gave it, not when Meta delivered it', () => {
  it('keeps the lead opted out when a STOP sent at 10:01 arrives before a START sent at 10:00', async () => {
    const from = '12125550188';
    const stopAt = nowSeconds() - 60;
    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'Hello', timestamp: stopAt - 120 }));
    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'STOP', timestamp: stopAt }));

    const late = await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from, text: 'START', timestamp: stopAt - 60 }),
    );

    const lead = await leadWithPhone(api, `+${from}`);
    expect(late.status).toBe(200);
    expect(lead.consent).toMatchObject({
      whatsapp: 'opted_out',
      whatsappChangedAt: new Date(stopAt * 1000).toISOString(),
    });
    expect(await consentEntries(lead.leadId)).toHaveLength(1);
    expect(await eventTypes(lead.leadId)).not.toContain('lead.opted_in');
  });

  it("keeps the lead opted out when WhatsApp's stop arrives before an older resume", async () => {
    const from = '12125550189';
    const stopAt = nowSeconds() - 60;
    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'Hello', timestamp: stopAt - 120 }));
    await postWebhook(api, 'whatsapp', whatsAppPreference(from, 'stop', stopAt));

    const late = await postWebhook(api, 'whatsapp', whatsAppPreference(from, 'resume', stopAt - 60));

    const lead = await leadWithPhone(api, `+${from}`);
    expect(late.status).toBe(200);
    expect(lead.consent.whatsapp).toBe('opted_out');
    expect(await consentEntries(lead.leadId)).toHaveLength(1);
    expect(await eventTypes(lead.leadId)).not.toContain('lead.opted_in');
  });
});
