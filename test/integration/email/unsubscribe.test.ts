import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsentRegistry } from '../../../lambdas/adapters/dynamodb/consent-registry';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createLeadEventLog } from '../../../lambdas/adapters/dynamodb/lead-event-log';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createUnsubscribeTokenStore } from '../../../lambdas/adapters/dynamodb/unsubscribe-token-store';
import { unsubscribeLinkFor } from '../../../lambdas/domain/consent/unsubscribe-link-for';
import { systemClock } from '../../../lambdas/ports/clock';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import { getLead, signInAgents } from '../../helpers/webhooks';

const BROKERAGE = 'demo-brokerage';
const oneClick = {
  as: null,
  rawBody: 'List-Unsubscribe=One-Click',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
};

let api: TestApi;
let crm: CrmService;
let linkFor: (email: string) => Promise<string>;

beforeAll(async () => {
  api = await startTestApi({ BROKERAGE_ID: BROKERAGE });
  await signInAgents(api);
  crm = createCrmService(createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }), api.tableName);
  const deps = {
    brokerageId: BROKERAGE,
    apiBaseUrl: `${api.url}/`,
    leads: createLeadRepository(crm),
    consents: createConsentRegistry(crm),
    tokens: createUnsubscribeTokenStore(crm, systemClock),
  };
  linkFor = (email) => unsubscribeLinkFor(email, deps);
});
afterAll(() => api.close());

const createLead = async (as: typeof agent1, name: string, email: string) => {
  const response = await api.call('POST', '/leads', { as, body: { name, email, source: 'website' } });
  expect(response.status).toBe(201);
  return response.body as Json;
};
const pathOf = (link: string) => new URL(link).pathname;
const emailEvents = async (leadId: string) =>
  (await createLeadEventLog(crm).since(leadId, '2000-01-01T00:00:00.000Z')).filter(
    (event) => event.type === 'lead.opted_out' && event.channel === 'email',
  );
const scan = async (): Promise<Json[]> =>
  (
    await createDocumentClient({ endpoint: process.env.DYNAMODB_ENDPOINT }).send(
      new ScanCommand({ TableName: api.tableName }),
    )
  ).Items ?? [];

describe('one-click unsubscribe from email', () => {
  it('makes one link per address, at the API, holding no address', async () => {
    await createLead(agent1, 'Priya Shah', 'priya.shah@example.com');
    const first = await linkFor('priya.shah@example.com');
    const again = await linkFor('  Priya.Shah@Example.com ');

    expect(first).toMatch(new RegExp(`^${api.url}/unsubscribe/[A-Za-z0-9_-]{32}$`));
    expect(again).toBe(first);
    const tokens = (await scan()).filter((item) => item.__edb_e__ === 'unsubscribeLink');
    expect(tokens).toHaveLength(1);
    expect(JSON.stringify(tokens)).not.toContain('priya.shah');
  });

  it('shows a confirm page on GET and changes nothing', async () => {
    const lead = await createLead(agent1, 'Dana Lee', 'dana.lee@example.com');
    const link = await linkFor('dana.lee@example.com');

    const page = await api.call('GET', pathOf(link), { as: null });

    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.body).toContain('<form method="post">');
    expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
    expect((await getLead(api, lead.leadId)).consent?.email).not.toBe('opted_out');
    expect(await emailEvents(lead.leadId)).toEqual([]);
  });

  it("opts every agent's lead with the address out of email with a lead.opted_out event, once however often it is posted", async () => {
    const mine = await createLead(agent1, 'Marco Rossi', 'marco.rossi@example.com');
    const theirs = await createLead(agent2, 'Marco Rossi', 'marco.rossi@example.com');
    const link = await linkFor('marco.rossi@example.com');

    const first = await api.call('POST', pathOf(link), oneClick);
    const repeat = await api.call('POST', pathOf(link), oneClick);

    expect(first.status).toBe(200);
    expect(first.body).toContain('You are unsubscribed');
    expect(repeat.status).toBe(200);
    expect(repeat.body).toBe(first.body);
    for (const lead of [mine, theirs]) {
      expect((await getLead(api, lead.leadId)).consent).toMatchObject({ email: 'opted_out' });
      expect(await emailEvents(lead.leadId)).toHaveLength(1);
    }
    // A lead made later with the address starts opted out: the registry holds it.
    const later = await createLead(admin, 'Marco Rossi', 'marco.rossi@example.com');
    expect(later.consent).toMatchObject({ email: 'opted_out' });
  });

  it('still works after the lead is erased (the token keeps only the hash)', async () => {
    const lead = await createLead(agent1, 'Kim Park', 'kim.park@example.com');
    const link = await linkFor('kim.park@example.com');
    expect((await api.call('DELETE', `/leads/${lead.leadId}`, { as: agent1 })).status).toBe(204);

    const response = await api.call('POST', pathOf(link), oneClick);

    expect(response.status).toBe(200);
    expect(JSON.stringify(await scan())).not.toContain('kim.park');
    const registry = createConsentRegistry(crm);
    expect(await registry.find(BROKERAGE, [{ kind: 'email', value: 'kim.park@example.com' }])).toMatchObject([
      { channel: 'email', state: 'opted_out', via: 'unsubscribe_link' },
    ]);
  });

  it('answers an unknown link with a 404 page, on GET and POST', async () => {
    const get = await api.call('GET', '/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', { as: null });
    const post = await api.call('POST', '/unsubscribe/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', oneClick);
    for (const response of [get, post]) {
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.body).toContain('This link is not valid');
    }
  });

  it('refuses a POST without the one-click form field, naming it, and changes nothing', async () => {
    const lead = await createLead(agent1, 'Ana Silva', 'ana.silva@example.com');
    const link = await linkFor('ana.silva@example.com');

    const response = await api.call('POST', pathOf(link), { ...oneClick, rawBody: 'confirm=yes' });

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'List-Unsubscribe', message: 'must be One-Click' }]);
    expect((await getLead(api, lead.leadId)).consent?.email).not.toBe('opted_out');
  });
});
