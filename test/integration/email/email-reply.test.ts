import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createLeadEventLog } from '../../../lambdas/adapters/dynamodb/lead-event-log';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createReceiptStore } from '../../../lambdas/adapters/dynamodb/receipt-store';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { parseInboundEmail } from '../../../lambdas/adapters/email/parse-inbound-email';
import { receiveEmailReply } from '../../../lambdas/domain/messaging/receive-email-reply';
import { systemClock } from '../../../lambdas/ports/clock';
import type { InboundEmail } from '../../../lambdas/ports/inbound-email';
import { createIdGenerator } from '../../../lambdas/shared/ids';
import { agent1, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { getLead, signInAgents, timelineOf } from '../../helpers/webhooks';

const BROKERAGE = 'demo-brokerage';
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/email/${name}`, import.meta.url));

let api: TestApi;
let crm: CrmService;
let receive: (email: InboundEmail) => ReturnType<typeof receiveEmailReply>;

beforeAll(async () => {
  api = await startTestApi({ BROKERAGE_ID: BROKERAGE });
  await signInAgents(api);
  crm = createCrmService(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }), api.tableName);
  const deps = {
    brokerageId: BROKERAGE,
    leads: createLeadRepository(crm),
    receipts: createReceiptStore(crm, systemClock),
    clock: systemClock,
    newId: createIdGenerator(),
  };
  receive = (email) => receiveEmailReply(email, deps);
});
afterAll(() => api.close());

const createLead = async (name: string, email: string): Promise<Json> =>
  (await api.call('POST', '/leads', { as: agent1, body: { name, email, source: 'website' } })).body;
const events = (leadId: string) => createLeadEventLog(crm).since(leadId, '2000-01-01T00:00:00.000Z');
const parse = async (name: string) => {
  const email = await parseInboundEmail(fixture(name));
  if (!email) throw new Error(`fixture ${name} did not parse`);
  return email;
};

describe('an emailed reply from a lead', () => {
  it('lands on the timeline without the quoted message and writes lead.replied on channel email, leaving the WhatsApp window shut', async () => {
    const lead = await createLead('Priya Shah', 'priya.shah@example.com');

    const outcome = await receive(await parse('gmail-reply.eml'));

    expect(outcome).toEqual({ result: 'recorded', leadId: lead.leadId });
    const email = (await timelineOf(api, lead.leadId)).find((item) => item.type === 'email');
    expect(email).toMatchObject({
      direction: 'inbound',
      text: 'Hi Sam,\n\nSaturday at 11 works for us – could you also send the floor plan?\n\nThanks,\nPriya',
      metadata: { channel: 'email', subject: 'Re: The townhouse on Riverside Drive' },
    });
    expect(await events(lead.leadId)).toMatchObject([
      { type: 'lead.replied', channel: 'email', data: { interactionId: email.interactionId } },
    ]);
    const after = await getLead(api, lead.leadId);
    expect(after.lastInboundAt).toBeUndefined();
    expect(after.engagement.replies).toBe(1);
  });

  it('writes nothing for the same Message-ID again', async () => {
    const lead = await createLead('Tom Baker', 'tom.baker@example.com');
    const email = {
      ...(await parse('gmail-reply.eml')),
      from: 'tom.baker@example.com',
      messageId: 'repeat-1@mail.example.com',
    };
    await receive(email);
    const timeline = await timelineOf(api, lead.leadId);
    const version = (await getLead(api, lead.leadId)).version;

    const repeat = await receive(email);

    expect(repeat.result).toBe('duplicate');
    expect(await timelineOf(api, lead.leadId)).toEqual(timeline);
    expect(await events(lead.leadId)).toHaveLength(1);
    expect((await getLead(api, lead.leadId)).version).toBe(version);
  });

  it('ignores an out-of-office reply from a lead', async () => {
    const lead = await createLead('Lena Ortiz', 'lena.ortiz@example.com');
    const auto = { ...(await parse('auto-reply.eml')), from: 'lena.ortiz@example.com' };

    expect((await receive(auto)).result).toBe('automated');
    expect(await events(lead.leadId)).toEqual([]);
  });

  it('skips a sender no lead has', async () => {
    const email = {
      ...(await parse('gmail-reply.eml')),
      from: 'stranger@example.com',
      messageId: 'stranger-1@mail.example.com',
    };
    expect(await receive(email)).toEqual({ result: 'unknown_sender' });
  });
});
