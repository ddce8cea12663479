import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createLeadEventLog } from '../../../lambdas/adapters/dynamodb/lead-event-log';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createSandboxMessaging } from '../../../lambdas/adapters/whatsapp/sandbox-messaging';
import { sendWhatsApp } from '../../../lambdas/domain/messaging/send-whatsapp';
import { intakeDeps } from '../../../lambdas/shared/messaging-wiring';
import { signMetaBody } from '../../../lambdas/shared/meta-signature';
import { scanTable } from '../../helpers/dynamodb';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import {
  fixture,
  getLead,
  leadWithPhone,
  ownerOf,
  postWebhook,
  signInAgents,
  TEST_APP_SECRET,
  TEST_VERIFY_TOKEN,
  timelineOf,
  waIdOf,
  webhookEnv,
  whatsAppPreference,
  whatsAppStatus,
  whatsAppText,
} from '../../helpers/webhooks';

const sandbox = webhookEnv();
let api: TestApi;
let events: ReturnType<typeof createLeadEventLog>;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  await signInAgents(api);
  events = createLeadEventLog(
    createCrmService(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }), api.tableName),
  );
});
afterAll(() => api.close());

const whatsAppMessages = (timeline: Json[]) => timeline.filter((item) => item.type === 'whatsapp');

describe('GET /webhooks/whatsapp (subscription handshake)', () => {
  it('echoes the challenge as plain text when the verify token matches', async () => {
    const res = await api.call(
      'GET',
      `/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${TEST_VERIFY_TOKEN}&hub.challenge=1158201444`,
      { as: null },
    );

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.body).toBe(1158201444);
  });

  it('answers a wrong verify token with 403', async () => {
    const res = await api.call(
      'GET',
      '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444',
      { as: null },
    );

    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

describe('POST /webhooks/whatsapp signature', () => {
  it('stores a message whose signature matches the raw body', async () => {
    const res = await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from: '12125550120', text: 'Hi, still available?' }),
    );

    expect(res.status).toBe(200);
    expect(await leadWithPhone(api, '+12125550120')).toBeDefined();
  });

  it('answers a missing signature with 401 and stores nothing', async () => {
    const res = await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550121', text: 'Hello' }), {
      signature: null,
    });

    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(await leadWithPhone(api, '+12125550121')).toBeUndefined();
  });

  it('answers a signature made with another secret with 401 and stores nothing', async () => {
    const res = await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550122', text: 'Hello' }), {
      secret: 'not-the-app-secret',
    });

    expect(res.status).toBe(401);
    expect(await leadWithPhone(api, '+12125550122')).toBeUndefined();
  });

  it('answers a body altered after signing with 401 and stores nothing', async () => {
    const signed = JSON.stringify(whatsAppText({ from: '12125550123', text: 'Is it available?' }));
    const altered = signed.replace('Is it available?', 'Is it available?!');

    const res = await postWebhook(api, 'whatsapp', altered, {
      signature: signMetaBody(signed, TEST_APP_SECRET),
    });

    expect(res.status).toBe(401);
    expect(await leadWithPhone(api, '+12125550123')).toBeUndefined();
  });

  it('answers a signed body that is not a WhatsApp envelope with 400 naming the field, and stores nothing', async () => {
    const body = whatsAppText({ from: '12125550124', text: 'Hello' });
    const broken = { ...body, object: 'instagram' };

    const res = await postWebhook(api, 'whatsapp', broken);

    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('object');
    expect(await leadWithPhone(api, '+12125550124')).toBeUndefined();
  });

  it('acknowledges a signed change of a field it does not handle', async () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '100000000000101',
          changes: [{ field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } }],
        },
      ],
    };

    expect((await postWebhook(api, 'whatsapp', body)).status).toBe(200);
  });
});

describe('inbound WhatsApp messages', () => {
  it('turns a new number into a scored lead, assigned to an agent, with the message on its timeline', async () => {
    const delivery = whatsAppText({
      from: '12125550130',
      name: 'Grace Kim',
      text: 'Hi! Is the 3-bed on Maple Ave still available? We are pre-approved and want to view this weekend.',
    });
    const wamid = delivery.entry[0]!.changes[0]!.value as Json;

    await postWebhook(api, 'whatsapp', delivery);

    const lead = await leadWithPhone(api, '+12125550130');
    expect(lead).toMatchObject({ name: 'Grace Kim', source: 'whatsapp', waId: '12125550130' });
    expect([agent1.sub, agent2.sub]).toContain(lead.agentId);
    expect(lead.score).toBeGreaterThan(0);
    expect(Date.now() - Date.parse(lead.lastInboundAt)).toBeLessThan(60_000);
    const [message] = whatsAppMessages(await timelineOf(api, lead.leadId));
    expect(message).toMatchObject({
      direction: 'inbound',
      text: 'Hi! Is the 3-bed on Maple Ave still available? We are pre-approved and want to view this weekend.',
      externalId: wamid.messages[0].id,
      metadata: { channel: 'whatsapp', messageType: 'text' },
    });
  });

  it('adds a message from a known number to the same lead, counts the reply and signals it', async () => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550131', text: 'Price of the villa?' }));
    const first = await leadWithPhone(api, '+12125550131');

    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550131', text: 'Can I see it tomorrow?' }));

    const lead = await getLead(api, first.leadId);
    expect(lead.engagement.replies).toBe(1);
    expect(whatsAppMessages(await timelineOf(api, lead.leadId)).map((m) => m.text)).toEqual([
      'Can I see it tomorrow?',
      'Price of the villa?',
    ]);
    expect((await events.since(lead.leadId, '2000-01-01T00:00:00.000Z')).map((e) => e.type)).toEqual([
      'lead.replied',
    ]);
  });

  it('gives consecutive new numbers to different agents in turn', async () => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550132', text: 'Hello' }));
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550133', text: 'Hello' }));

    const owners = [await leadWithPhone(api, '+12125550132'), await leadWithPhone(api, '+12125550133')].map(
      (lead) => lead.agentId,
    );
    expect(new Set(owners)).toEqual(new Set([agent1.sub, agent2.sub]));
  });

  it('records one message however often the same delivery arrives, even all at once', async () => {
    const delivery = whatsAppText({ from: '12125550134', text: 'Is parking included?' });

    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postWebhook(api, 'whatsapp', delivery)),
    );

    expect(answers.map((res) => res.status)).toEqual(Array(20).fill(200));
    const lead = await leadWithPhone(api, '+12125550134');
    expect(whatsAppMessages(await timelineOf(api, lead.leadId))).toHaveLength(1);
    expect(
      (await api.call('GET', '/leads?limit=100', { as: ownerOf(lead) })).body.items.filter(
        (l: Json) => l.phone === '+12125550134',
      ),
    ).toHaveLength(1);
  });

  it('keeps a click-to-WhatsApp ad on the message and tags the new lead', async () => {
    const delivery = fixture('whatsapp', 'referral-message');
    const value = delivery.entry[0].changes[0].value;
    value.contacts[0].wa_id = '12125550135';
    Object.assign(value.messages[0], {
      from: '12125550135',
      timestamp: String(Math.floor(Date.now() / 1000)),
    });

    await postWebhook(api, 'whatsapp', delivery);

    const lead = await leadWithPhone(api, '+12125550135');
    expect(lead).toMatchObject({ source: 'whatsapp', tags: ['ctwa-ad'] });
    const [message] = whatsAppMessages(await timelineOf(api, lead.leadId));
    expect(message.metadata.referral).toMatchObject({
      headline: 'Riverside townhouses',
      sourceUrl: 'https://fb.me/3cr4Wqqkv',
    });
  });

  it('records STOP as consent withdrawn, and the next send is refused with nothing in the outbox', async () => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550136', text: 'Send me the brochure' }));
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550136', text: 'STOP' }));
    const lead = await leadWithPhone(api, '+12125550136');
    const outboxBefore = (await sandbox.outbox.list()).length;

    const send = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, {
      as: ownerOf(lead),
      body: { text: 'Here is the brochure' },
    });

    expect(lead.consent.whatsapp).toBe('opted_out');
    expect((await timelineOf(api, lead.leadId)).some((item) => item.type === 'consent')).toBe(true);
    expect((await events.since(lead.leadId, '2000-01-01T00:00:00.000Z')).map((e) => e.type)).toContain(
      'lead.opted_out',
    );
    expect(send.status).toBe(422);
    expect(send.body.detail).toContain('opted out');
    expect(await sandbox.outbox.list()).toHaveLength(outboxBefore);
  });

  it("records Meta's user_preferences stop as consent withdrawn", async () => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550137', text: 'Hello' }));

    const res = await postWebhook(api, 'whatsapp', whatsAppPreference('12125550137', 'stop'));

    expect(res.status).toBe(200);
    expect((await leadWithPhone(api, '+12125550137')).consent.whatsapp).toBe('opted_out');
  });
});

describe('delivery statuses', () => {
  /** A lead that wrote just now, and the agent's reply to it as the API sent it. */
  const sentReply = async (phone: string) => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: waIdOf(phone), text: 'Hi there' }));
    const lead = await leadWithPhone(api, phone);
    const sent = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, {
      as: ownerOf(lead),
      body: { text: 'Hi! Yes, it is available. Saturday 11am?' },
    });
    expect(sent.status).toBe(201);
    return { lead, message: sent.body };
  };

  const stored = async (leadId: string, interactionId: string) =>
    (await timelineOf(api, leadId)).find((item) => item.interactionId === interactionId);

  it('moves the message to delivered, then read', async () => {
    const { lead, message } = await sentReply('+12125550140');

    await postWebhook(api, 'whatsapp', whatsAppStatus(message.externalId, 'delivered'));
    expect((await stored(lead.leadId, message.interactionId)).deliveryStatus).toBe('delivered');
    await postWebhook(api, 'whatsapp', whatsAppStatus(message.externalId, 'read'));
    expect((await stored(lead.leadId, message.interactionId)).deliveryStatus).toBe('read');
  });

  it('never moves a read message back to delivered when statuses arrive out of order', async () => {
    const { lead, message } = await sentReply('+12125550141');

    await postWebhook(api, 'whatsapp', whatsAppStatus(message.externalId, 'read'));
    await postWebhook(api, 'whatsapp', whatsAppStatus(message.externalId, 'delivered'));
    await postWebhook(api, 'whatsapp', whatsAppStatus(message.externalId, 'sent'));

    expect((await stored(lead.leadId, message.interactionId)).deliveryStatus).toBe('read');
  });

  it('keeps a failure with its code and marks an undeliverable number (131026) on the lead', async () => {
    const { lead, message } = await sentReply('+12125550142');

    await postWebhook(api, 'whatsapp', whatsAppStatus(message.externalId, 'failed'));

    const failed = await stored(lead.leadId, message.interactionId);
    expect(failed).toMatchObject({
      deliveryStatus: 'failed',
      metadata: { error: { code: 131026, title: 'Message undeliverable' } },
    });
    expect((await getLead(api, lead.leadId)).phoneStatus).toBe('invalid');
    const retry = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, {
      as: ownerOf(lead),
      body: { text: 'Are you there?' },
    });
    expect(retry.status).toBe(422);
  });

  it('acknowledges a status for a message it did not send and changes nothing', async () => {
    const before = await scanTable(api.tableName);

    const res = await postWebhook(api, 'whatsapp', fixture('whatsapp', 'status-read'));

    expect(res.status).toBe(200);
    const after = await scanTable(api.tableName);
    const keyOf = (item: Record<string, unknown>) => `${item.pk}|${item.sk}`;
    const held = new Map(before.map((item) => [keyOf(item), JSON.stringify(item)]));
    // Only the status itself is kept, to be applied if its send lands later; no lead or message changes.
    expect(after.filter((item) => !held.has(keyOf(item))).map((item) => item.__edb_e__)).toEqual([
      'pendingStatus',
    ]);
    expect(
      after.filter((item) => held.has(keyOf(item)) && held.get(keyOf(item)) !== JSON.stringify(item)),
    ).toEqual([]);
  });

  it('keeps a failure that is not about the number (131047) on the message, and the number stays usable', async () => {
    const { lead, message } = await sentReply('+12125550143');
    const body = fixture('whatsapp', 'status-failed-window-closed');
    Object.assign(body.entry[0].changes[0].value.statuses[0], {
      id: message.externalId,
      recipient_id: '12125550143',
    });

    await postWebhook(api, 'whatsapp', body);

    expect(await stored(lead.leadId, message.interactionId)).toMatchObject({
      deliveryStatus: 'failed',
      metadata: { error: { code: 131047 } },
    });
    expect((await getLead(api, lead.leadId)).phoneStatus).not.toBe('invalid');
    const next = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, {
      as: ownerOf(lead),
      body: { text: 'Still keen on Saturday?' },
    });
    expect(next.status).toBe(201);
  });
});

describe('erasing a lead that came in on WhatsApp', () => {
  it('leaves no ref to its number or messages, and the next message starts a fresh lead', async () => {
    const from = '12125550193';
    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'Is the loft still available?' }));
    const lead = await leadWithPhone(api, `+${from}`);
    const owner = ownerOf(lead);
    const refs = createCrmService(
      createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }),
      api.tableName,
    ).entities.messageRef;
    expect((await refs.query.byLead({ leadId: lead.leadId }).go()).data.length).toBeGreaterThan(0);

    const erased = await api.call('DELETE', `/leads/${lead.leadId}`, { as: owner });
    expect(erased.status).toBe(204);
    expect((await refs.query.byLead({ leadId: lead.leadId }).go()).data).toEqual([]);

    await postWebhook(api, 'whatsapp', whatsAppText({ from, text: 'Hello again' }));
    const fresh = await leadWithPhone(api, `+${from}`);
    expect(fresh.leadId).not.toBe(lead.leadId);
    expect((await timelineOf(api, fresh.leadId)).map((item) => item.text)).not.toContain(
      'Is the loft still available?',
    );
  });
});

describe('WhatsApp webhook fidelity', () => {
  /** A fixture with its sender's number (and wamids) moved to one no other test of this file uses. */
  const fromNumber = (name: string, from: string, to: string): Json =>
    JSON.parse(JSON.stringify(fixture('whatsapp', name)).replaceAll(from, to));

  const crm = () =>
    createCrmService(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }), api.tableName);

  it('turns a Mexican 521 sender into a lead on its +52 number, with the message', async () => {
    const res = await postWebhook(api, 'whatsapp', fixture('whatsapp', 'text-message-mexico'));

    expect(res.status).toBe(200);
    const lead = await leadWithPhone(api, '+525555550123');
    expect(lead).toMatchObject({ name: 'Lucía Fernández', source: 'whatsapp', waId: '5215555550123' });
    expect(whatsAppMessages(await timelineOf(api, lead.leadId)).map((m) => m.text)).toEqual([
      'Hola, ¿sigue disponible el departamento en la Roma Norte?',
    ]);
  });

  it('keeps the coordinates, name and address of a shared location', async () => {
    await postWebhook(api, 'whatsapp', fromNumber('location-message', '12125550142', '12125550172'));

    const lead = await leadWithPhone(api, '+12125550172');
    const [message] = whatsAppMessages(await timelineOf(api, lead.leadId));
    expect(message).toMatchObject({
      text: expect.stringContaining(
        'Riverside townhouses, 100 River Rd, Riverside, NY 10001 (40.712800, -74.006000)',
      ),
      metadata: { location: { latitude: 40.7128, longitude: -74.006, name: 'Riverside townhouses' } },
    });
  });

  it('moves a lead to its new number on a number-change notice, claim and all, without counting a reply', async () => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550173', text: 'Hi, still looking' }));
    const before = await leadWithPhone(api, '+12125550173');
    const notice = fromNumber('system-user-changed-number', '12125550161', '12125550173');
    notice.entry[0].changes[0].value.messages[0].system.wa_id = '12125550174';

    expect((await postWebhook(api, 'whatsapp', notice)).status).toBe(200);

    const lead = await getLead(api, before.leadId);
    expect(lead).toMatchObject({ phone: '+12125550174', waId: '12125550174', engagement: { replies: 0 } });
    expect(lead.lastInboundAt).toBe(before.lastInboundAt);
    expect((await timelineOf(api, lead.leadId))[0]).toMatchObject({
      type: 'system',
      text: 'Changed WhatsApp number to +12125550174',
    });
    const owner = ownerOf(lead);
    const taken = await api.call('POST', '/leads', {
      as: owner,
      body: { name: 'Dana Lee', phone: '+1 212 555 0174' },
    });
    expect(taken.status).toBe(409);
    const freed = await api.call('POST', '/leads', {
      as: owner,
      body: { name: 'Sam Rivera', phone: '+1 212 555 0173' },
    });
    expect(freed.status).toBe(201);
  });

  it('answers 200 to a delivery with malformed changes and stores its good messages', async () => {
    const res = await postWebhook(
      api,
      'whatsapp',
      fromNumber('malformed-changes', '12125550142', '12125550175'),
    );

    expect(res.status).toBe(200);
    const lead = await leadWithPhone(api, '+12125550175');
    expect(whatsAppMessages(await timelineOf(api, lead.leadId)).map((m) => m.text)).toEqual([
      'We could view it on Saturday.',
      'Is the Maple Ave house still available?',
    ]);
  });

  it('never answers 5xx to a status with an impossible timestamp, and still applies it', async () => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550176', text: 'Hi there' }));
    const lead = await leadWithPhone(api, '+12125550176');
    const sent = await api.call('POST', `/leads/${lead.leadId}/whatsapp`, {
      as: ownerOf(lead),
      body: { text: 'Hi! Saturday 11am?' },
    });
    const status = fixture('whatsapp', 'status-impossible-timestamp');
    status.entry[0].changes[0].value.statuses[0].id = sent.body.externalId;

    const res = await postWebhook(api, 'whatsapp', status);

    expect(res.status).toBe(200);
    const message = (await timelineOf(api, lead.leadId)).find(
      (item) => item.externalId === sent.body.externalId,
    );
    expect(message.deliveryStatus).toBe('delivered');
    expect(Date.now() - Date.parse(message.metadata.statusTimes.delivered)).toBeLessThan(60_000);
    const unknown = fixture('whatsapp', 'status-impossible-timestamp');
    expect((await postWebhook(api, 'whatsapp', unknown)).status).toBe(200);
  });

  it('keeps a status that arrives before its send is recorded, with nothing of the person, and applies it when the send lands', async () => {
    await postWebhook(api, 'whatsapp', whatsAppText({ from: '12125550177', text: 'Is it still available?' }));
    const lead = await leadWithPhone(api, '+12125550177');
    // Meta answers the send with this wamid; its `delivered` webhook beats our write of the send.
    const wamid = 'wamid.HBgLMTIxMjU1NTAxNzcVAgARGBI0QjdFMUEyQzNENUU2RjcwODEA';
    const keptBefore = (await crm().entities.pendingStatus.scan.go({ pages: 'all' })).data;
    const early = await postWebhook(api, 'whatsapp', whatsAppStatus(wamid, 'delivered', '12125550177'));
    expect(early.status).toBe(200);
    const kept = (await crm().entities.pendingStatus.scan.go({ pages: 'all' })).data;
    expect(kept).toHaveLength(keptBefore.length + 1);
    expect(JSON.stringify(kept)).not.toContain(wamid);
    expect(JSON.stringify(kept)).not.toContain('12125550177');

    const wiring = {
      ...intakeDeps(),
      messaging: createSandboxMessaging({ outbox: sandbox.outbox, wamid: () => wamid }),
    };
    const actor = {
      agentId: lead.agentId,
      brokerageId: lead.brokerageId,
      role: 'agent' as const,
      email: 'agent@example.com',
    };
    await sendWhatsApp(actor, lead.leadId, { text: 'Yes! Saturday 11am?' }, {}, wiring);

    const message = (await timelineOf(api, lead.leadId)).find((item) => item.externalId === wamid);
    expect(message).toMatchObject({ direction: 'outbound', deliveryStatus: 'delivered' });
    expect((await crm().entities.pendingStatus.scan.go({ pages: 'all' })).data).toHaveLength(
      keptBefore.length,
    );
  });

  it('answers 200 to ten messages at once from a new number and keeps all ten on one lead', async () => {
    const from = '12125550178';
    const deliveries = Array.from({ length: 10 }, (_, i) =>
      whatsAppText({ from, name: 'Alex Kim', text: `Question ${i + 1} about the Maple Ave house` }),
    );

    const answers = await Promise.all(deliveries.map((delivery) => postWebhook(api, 'whatsapp', delivery)));

    expect(answers.map((res) => res.status)).toEqual(Array(10).fill(200));
    const leads = (await api.call('GET', '/leads?limit=100', { as: admin })).body.items.filter(
      (l: Json) => l.phone === `+${from}`,
    );
    expect(leads).toHaveLength(1);
    expect(whatsAppMessages(await timelineOf(api, leads[0].leadId))).toHaveLength(10);
  });
});
