import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDocumentClient } from '../../../lambdas/adapters/dynamodb/document-client';
import { createListingRepository } from '../../../lambdas/adapters/dynamodb/listing-repository';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { scanTable } from '../../helpers/dynamodb';
import { admin, agent1, agent2, type Json, startTestApi, type TestApi } from '../../helpers/local-api';
import {
  leadWithPhone,
  postWebhook,
  signInAgents,
  webhookEnv,
  whatsAppPreference,
  whatsAppText,
} from '../../helpers/webhooks';

const sandbox = webhookEnv();
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({
    ...sandbox.env,
    EMAIL_FROM: '"Demo Homes" <homes@example.com>',
    API_BASE_URL: 'http://localhost:3000',
  });
  await signInAgents(api);
});
afterAll(() => api.close());

const townhouse = {
  title: '3-bed townhouse in Riverside',
  price: 450000,
  currency: 'USD',
  beds: 3,
  area: { value: 120, unit: 'sqm' },
  address: '12 Oak Lane, Riverside',
  photoUrls: ['https://img.example.com/oak-1.jpg', 'https://img.example.com/oak-2.jpg'],
  brochureUrl: 'https://img.example.com/oak.pdf',
};
const newListing = async (body: Json = townhouse) => {
  const res = await api.call('POST', '/listings', { as: agent1, body });
  expect(res.status).toBe(201);
  return res.body;
};
const listingItems = async () =>
  (await scanTable(api.tableName)).filter((item) => item.__edb_e__ === 'listing').length;

/** A lead that wrote on WhatsApp `hoursAgo` hours ago (agent1's or agent2's, as routing decides). */
const leadWhoWrote = async (digits: string, hoursAgo: number): Promise<Json> => {
  const timestamp = Math.floor(Date.now() / 1000) - hoursAgo * 3600;
  await postWebhook(api, 'whatsapp', whatsAppText({ from: digits, text: 'Do you have a 3-bed?', timestamp }));
  return leadWithPhone(api, `+${digits}`);
};
const ownerOf = (lead: Json) => [agent1, agent2, admin].find((user) => user.sub === lead.agentId)!;
const otherAgentThan = (lead: Json) => (lead.agentId === agent1.sub ? agent2 : agent1);

describe('/listings', () => {
  it('creates, reads, lists and changes a listing of the brokerage', async () => {
    const listing = await newListing();
    expect(listing).toMatchObject({ ...townhouse, status: 'active', version: 1, createdBy: agent1.sub });

    expect((await api.call('GET', `/listings/${listing.listingId}`, { as: agent2 })).body).toEqual(listing);
    const changed = await api.call('PATCH', `/listings/${listing.listingId}`, {
      as: agent2,
      body: { version: 1, price: 435000, status: 'under_offer', brochureUrl: null },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ price: 435000, status: 'under_offer', version: 2 });
    expect(changed.body.brochureUrl).toBeUndefined();

    const stale = await api.call('PATCH', `/listings/${listing.listingId}`, {
      body: { version: 1, price: 1 },
    });
    expect(stale.status).toBe(409);
    const offers = await api.call('GET', '/listings?status=under_offer&limit=100');
    expect(offers.body.items.map((l: Json) => l.listingId)).toContain(listing.listingId);
    const active = await api.call('GET', '/listings?status=active&limit=100');
    expect(active.body.items.map((l: Json) => l.listingId)).not.toContain(listing.listingId);
  });

  it('answers a replayed POST with the same Idempotency-Key with the first listing, writing one', async () => {
    const before = await listingItems();
    const headers = { 'idempotency-key': 'listing-create-0001' };
    const first = await api.call('POST', '/listings', { body: townhouse, headers });
    const again = await api.call('POST', '/listings', { body: townhouse, headers });
    expect(again.status).toBe(201);
    expect(again.body.listingId).toBe(first.body.listingId);
    expect(await listingItems()).toBe(before + 1);
  });

  it('refuses bad input naming each field, writing nothing', async () => {
    const before = await listingItems();
    const res = await api.call('POST', '/listings', {
      body: {
        ...townhouse,
        price: -5,
        currency: 'dollars',
        photoUrls: ['http://img.example.com/a.jpg'],
        colour: 'red',
      },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.errors.map((e: Json) => e.field)).toEqual(
      expect.arrayContaining(['price', 'currency', 'photoUrls.0', 'colour']),
    );
    const patch = await api.call('PATCH', `/listings/${(await newListing()).listingId}`, {
      body: { status: 'gone', beds: 1.5 },
    });
    expect(patch.status).toBe(400);
    expect(patch.body.errors.map((e: Json) => e.field)).toEqual(expect.arrayContaining(['status', 'beds']));
    expect(await listingItems()).toBe(before + 1);
  });

  it('hides another brokerage’s listing behind a 404 on every route', async () => {
    const crm = createCrmService(
      createDocumentClient({ region: 'us-east-1', endpoint: process.env.DYNAMODB_ENDPOINT }),
      api.tableName,
    );
    const foreign = {
      ...(await newListing()),
      listingId: '01JDZZZZZZZZZZZZZZZZZZZZZZ',
      brokerageId: 'other-brokerage',
    };
    await createListingRepository(crm).create(foreign);
    const lead = await leadWhoWrote('12125550170', 1);

    expect((await api.call('GET', `/listings/${foreign.listingId}`)).status).toBe(404);
    expect((await api.call('PATCH', `/listings/${foreign.listingId}`, { body: { price: 1 } })).status).toBe(
      404,
    );
    const send = await api.call('POST', `/leads/${lead.leadId}/listings/${foreign.listingId}/send`, {
      as: ownerOf(lead),
      body: {},
    });
    expect(send.status).toBe(404);
    const listed = await api.call('GET', '/listings?limit=100');
    expect(listed.body.items.map((l: Json) => l.listingId)).not.toContain(foreign.listingId);
  });
});

describe('POST /leads/{leadId}/listings/{listingId}/send', () => {
  const sendTo = (lead: Json, listing: Json, body: Json = {}, as = ownerOf(lead)) =>
    api.call('POST', `/leads/${lead.leadId}/listings/${listing.listingId}/send`, { as, body });
  const lastSent = async () => (await sandbox.outbox.list()).at(-1);

  it('sends the first photo with its caption inside the 24-hour window and records the listing', async () => {
    const listing = await newListing();
    const lead = await leadWhoWrote('12125550171', 2);

    const res = await sendTo(lead, listing, { note: 'The one I mentioned' });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ channel: 'whatsapp', via: 'image' });
    expect(await lastSent()).toMatchObject({
      kind: 'image',
      to: '+12125550171',
      media: {
        link: 'https://img.example.com/oak-1.jpg',
        caption: expect.stringContaining('3-bed townhouse in Riverside'),
      },
    });
    expect(JSON.stringify(await lastSent())).toContain('$450k · 3 bd · 120 sqm');
    expect(res.body.interaction.metadata).toMatchObject({
      listingId: listing.listingId,
      messageType: 'image',
    });
    expect(res.body.lead.lastInteractionAt).toBe(res.body.interaction.occurredAt);
    const timeline = await api.call('GET', `/leads/${lead.leadId}/timeline`, { as: ownerOf(lead) });
    expect(timeline.body.items[0].interactionId).toBe(res.body.interaction.interactionId);
  });

  it('sends the approved template when the window is closed', async () => {
    const listing = await newListing();
    const lead = await leadWhoWrote('12125550172', 30);
    const res = await sendTo(lead, listing);
    expect(res.status).toBe(201);
    expect(res.body.via).toBe('template');
    expect(await lastSent()).toMatchObject({
      kind: 'template',
      template: {
        name: 'lead_follow_up',
        bodyParameters: [expect.any(String), '3-bed townhouse in Riverside'],
      },
    });
  });

  it('emails a lead with no WhatsApp, and refuses an opted-out lead or a withdrawn listing with 422, sending nothing', async () => {
    const listing = await newListing();
    const emailOnly = await api.call('POST', '/leads', {
      body: { name: 'Ida Nash', email: 'ida.nash@example.com' },
    });
    const emailed = await sendTo(emailOnly.body, listing, {}, agent1);
    expect(emailed.status).toBe(201);
    expect(emailed.body).toMatchObject({ channel: 'email', via: 'email' });
    expect(emailed.body.interaction).toMatchObject({
      type: 'email',
      metadata: { listingId: listing.listingId },
    });
    expect(await lastSent()).toMatchObject({
      kind: 'email',
      to: 'ida.nash@example.com',
      subject: listing.title,
    });

    const stopped = await leadWhoWrote('12125550173', 1);
    await postWebhook(api, 'whatsapp', whatsAppPreference('12125550173', 'stop'));
    const before = (await sandbox.outbox.list()).length;
    const refused = await sendTo(stopped, listing, { channel: 'whatsapp' });
    expect(refused.status).toBe(422);
    expect(refused.body.reason).toBe('opted_out');

    const withdrawn = await api.call('PATCH', `/listings/${listing.listingId}`, {
      body: { status: 'withdrawn' },
    });
    expect(withdrawn.status).toBe(200);
    const lead = await leadWhoWrote('12125550174', 1);
    const gone = await sendTo(lead, listing);
    expect(gone.status).toBe(422);
    expect((await sandbox.outbox.list()).length).toBe(before);
  });

  it('answers another agent’s lead with 404 and a bad channel with 400, sending nothing', async () => {
    const listing = await newListing();
    const lead = await leadWhoWrote('12125550175', 1);
    const before = (await sandbox.outbox.list()).length;
    expect((await sendTo(lead, listing, {}, otherAgentThan(lead))).status).toBe(404);
    const bad = await sendTo(lead, listing, { channel: 'fax' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: Json) => e.field)).toEqual(['channel']);
    expect((await sandbox.outbox.list()).length).toBe(before);
  });
});
