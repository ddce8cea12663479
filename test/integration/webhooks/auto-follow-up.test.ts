import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { repositoryRoot } from '../../../lib/constructs/app-function';
import { createLocalDynamoDbClient } from '../../../lib/local/ensure-table';
import { type FollowUpEngine, startFollowUpEngine } from '../../../lib/local/workflow/follow-up-engine';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import {
  facebookComment,
  leadsNamed,
  leadWithPhone,
  ownerOf,
  postWebhook,
  signInAgents,
  webhookEnv,
  whatsAppText,
} from '../../helpers/webhooks';

const sandbox = webhookEnv();
let api: TestApi;
let engine: FollowUpEngine;

beforeAll(async () => {
  api = await startTestApi(sandbox.env);
  // The local Step Functions the webhook starts executions on, as `npm start` runs it.
  engine = await startFollowUpEngine({
    dynamoDb: createLocalDynamoDbClient(inject('dynamoEndpoint')),
    tableName: api.tableName,
    rootDir: repositoryRoot,
    log: () => undefined,
  });
  Object.assign(process.env, engine.environment);
  await engine.resume();
  await signInAgents(api);
}, 120_000);
afterAll(async () => {
  await engine?.stop();
  await api?.close();
});

const MINUTE = 60_000;

const followUpOf = async (lead: Json) =>
  api.call('GET', `/leads/${lead.leadId}/follow-up`, { as: ownerOf(lead) });

/** Every demo agent's profile says the same, so whichever agent a new lead is routed to, it holds. */
const setAutoFollowUp = async (on: boolean) => {
  for (const user of [agent1, agent2, admin]) {
    const res = await api.call('PATCH', '/agents/me', { as: user, body: { autoFollowUp: on } });
    expect(res.status).toBe(200);
    expect(res.body.autoFollowUp).toBe(on);
  }
};

describe('a new lead from WhatsApp', () => {
  it('is enrolled in the follow-up for its temperature, its first answer due at once', async () => {
    const sentAt = Date.now();

    const res = await postWebhook(
      api,
      'whatsapp',
      whatsAppText({
        from: '12125550171',
        name: 'Morgan Blake',
        text: 'Hi, is the 3-bed townhouse in Riverside still available? We are pre-approved and want to view it this week.',
      }),
    );

    expect(res.status).toBe(200);
    const lead = await leadWithPhone(api, '+12125550171');
    expect(lead).toBeDefined();
    const followUp = await followUpOf(lead);
    expect(followUp.status).toBe(200);
    expect(followUp.body).toMatchObject({ leadId: lead.leadId, status: 'running' });
    expect(followUp.body.sequence.sequenceId).toBe(`builtin-${lead.temperature}`);
    const [first] = followUp.body.steps;
    expect(first.channel).toBe('whatsapp');
    // The lead just wrote: the first answer does not wait for the morning, even inside quiet hours.
    expect(Date.parse(first.dueAt) - sentAt).toBeLessThan(MINUTE);
    expect(Date.parse(first.dueAt)).toBeGreaterThanOrEqual(sentAt - 1000);
  });

  it('is enrolled once when Meta delivers the same message twice', async () => {
    const message = whatsAppText({
      from: '12125550172',
      name: 'Riley Chen',
      text: 'Any 2-bed flats downtown?',
    });

    expect((await postWebhook(api, 'whatsapp', message)).status).toBe(200);
    expect((await postWebhook(api, 'whatsapp', message)).status).toBe(200);

    const lead = await leadWithPhone(api, '+12125550172');
    const followUp = await followUpOf(lead);
    expect(followUp.body.enrollmentId).toBe(`${lead.leadId}_builtin-${lead.temperature}`);
    expect(followUp.body.status).toBe('running');
  });

  it('is not enrolled when its agent turned automatic follow-up off', async () => {
    await setAutoFollowUp(false);
    try {
      const res = await postWebhook(
        api,
        'whatsapp',
        whatsAppText({ from: '12125550173', name: 'Casey Morgan', text: 'Hello, do you rent out villas?' }),
      );

      expect(res.status).toBe(200);
      const lead = await leadWithPhone(api, '+12125550173');
      expect(lead).toBeDefined();
      expect((await followUpOf(lead)).status).toBe(404);
    } finally {
      await setAutoFollowUp(true);
    }
  });

  it('writing again as a known lead starts no new enrolment', async () => {
    await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from: '12125550174', name: 'Jordan Park', text: 'Is the loft still free?' }),
    );
    const lead = await leadWithPhone(api, '+12125550174');
    const before = (await followUpOf(lead)).body;
    expect(before.status).toBe('running');

    // The same lead writes again later: its sequence reacts to the reply, nothing starts afresh.
    await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from: '12125550174', name: 'Jordan Park', text: 'Also, is parking included?' }),
    );

    const after = (await followUpOf(lead)).body;
    expect(after.enrollmentId).toBe(before.enrollmentId);
    expect(after.enrolledAt).toBe(before.enrolledAt);
  });

  it('is not enrolled when it was already a lead entered by hand, even with automatic follow-up on', async () => {
    const created = await api.call('POST', '/leads', {
      as: agent1,
      body: { name: 'Taylor Reed', phone: '+1 212 555 0175', source: 'referral' },
    });
    expect(created.status).toBe(201);

    await postWebhook(
      api,
      'whatsapp',
      whatsAppText({ from: '12125550175', name: 'Taylor Reed', text: 'Hi!' }),
    );

    expect((await followUpOf(created.body)).status).toBe(404);
  });
});

describe('a new lead from a Facebook comment', () => {
  it('is enrolled in the follow-up for its temperature', async () => {
    const res = await postWebhook(
      api,
      'facebook',
      facebookComment({
        fromId: '100000000000951',
        name: 'Nora Castillo',
        message: 'Price? Is it still available?',
      }),
    );

    expect(res.status).toBe(200);
    const [lead] = await leadsNamed(api, 'Nora Castillo');
    const followUp = await followUpOf(lead);
    expect(followUp.status).toBe(200);
    expect(followUp.body).toMatchObject({
      status: 'running',
      sequence: { sequenceId: `builtin-${lead.temperature}` },
    });
  });
});
