import { describe, expect, it } from 'vitest';
import { NotFoundError, UnprocessableError } from '../../../../lambdas/domain/errors';
import { listingCaption, sendListing } from '../../../../lambdas/domain/listings/send-listing';
import {
  LeadOptedOutError,
  NoWhatsAppNumberError,
  UndeliverableNumberError,
} from '../../../../lambdas/domain/messaging/send-refusals';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { EmailMessage } from '../../../../lambdas/ports/email';
import type { MessagingPort } from '../../../../lambdas/ports/messaging';
import type { Lead } from '../../../../schemas/api/leads';
import type { Listing, SendListingBody } from '../../../../schemas/api/listings';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createInMemoryMessagingDeps } from '../messaging/in-memory-messaging';
import { createInMemoryListings, createMockListing } from './listing-world';

const NOW = '2026-03-02T14:00:00.000Z';
/** The lead wrote an hour ago: the 24-hour window is open. */
const WROTE_RECENTLY = '2026-03-02T13:00:00.000Z';
const dana = createMockActor();

type Sent = { kind: 'text' | 'template' | 'media'; request: Record<string, unknown> };

const setup = async (
  lead: Partial<Lead> = {},
  listing: Partial<Listing> = {},
  { withEmail = true, replyTo }: { withEmail?: boolean; replyTo?: string } = {},
) => {
  const clock = fixedClock(NOW);
  const whatsapp: Sent[] = [];
  const wamid = () => `wamid.HBgLMTIxMjU1NTAxMDEVAgARGBI${whatsapp.length}`;
  const messaging: MessagingPort = {
    async sendText(request) {
      whatsapp.push({ kind: 'text', request: { ...request } });
      return { wamid: wamid() };
    },
    async sendTemplate(request) {
      whatsapp.push({ kind: 'template', request: { ...request } });
      return { wamid: wamid() };
    },
    async sendMedia(request) {
      whatsapp.push({ kind: 'media', request: { ...request } });
      return { wamid: wamid() };
    },
  };
  const emails: EmailMessage[] = [];
  const listings = createInMemoryListings();
  const deps = {
    ...createInMemoryMessagingDeps(clock, { messaging }),
    listings,
    ...(withEmail && {
      email: {
        sender: {
          async send(message: EmailMessage) {
            emails.push(message);
            return { messageId: `ses-0100000000000${emails.length}` };
          },
        },
        links: { linkFor: async (address: string) => `https://crm.example.com/unsubscribe/${address}` },
        replyTo: replyTo ?? 'replies@riverside.example.com',
      },
    }),
  };
  const storedLead = createMockLead({
    name: 'Ana Souza',
    phone: '+12125550101',
    email: 'ana.souza@example.com',
    lastInboundAt: WROTE_RECENTLY,
    ...lead,
  });
  await deps.leads.create(storedLead, []);
  const storedListing = createMockListing(listing);
  await listings.create(storedListing);
  const send = (body: Partial<SendListingBody> = {}, actor = dana) =>
    sendListing(actor, storedLead.leadId, storedListing.listingId, { channel: 'auto', ...body }, deps);
  const timeline = async () => (await deps.interactions.listTimeline(storedLead.leadId, { limit: 20 })).items;
  return { deps, whatsapp, emails, lead: storedLead, listing: storedListing, send, timeline };
};

const CAPTION = [
  '3-bed townhouse in Riverside',
  '$450k · 3 bd · 120 sqm',
  '12 Oak Lane',
  'Brochure: https://photos.example.com/oak-lane/brochure.pdf',
].join('\n');

describe('listingCaption', () => {
  it('puts the note first, then title, price with beds and area, address and brochure, one line each', () => {
    expect(listingCaption(createMockListing(), 'Just listed, thought of you')).toBe(
      `Just listed, thought of you\n${CAPTION}`,
    );
  });

  it('shows a studio’s 0 beds and leaves out what the listing does not have', () => {
    const studio = createMockListing({
      title: 'Studio near the park',
      price: 210_000,
      currency: 'EUR',
      beds: 0,
      area: undefined,
      address: undefined,
      brochureUrl: undefined,
    });

    expect(listingCaption(studio)).toBe('Studio near the park\n€210k · 0 bd');
  });

  it('shows the price alone when neither beds nor area are known', () => {
    const plot = createMockListing({ title: 'Plot on Hill Road', beds: undefined, area: undefined });

    expect(listingCaption(plot).split('\n')[1]).toBe('$450k');
  });
});

describe('sendListing', () => {
  it('sends the first photo with its caption inside the 24-hour window and records the listing', async () => {
    const { send, whatsapp, emails, lead, listing, timeline } = await setup();

    const sent = await send({ note: 'Just listed' });

    expect(whatsapp).toEqual([
      {
        kind: 'media',
        request: {
          to: '+12125550101',
          kind: 'image',
          link: 'https://photos.example.com/oak-lane/front.jpg',
          caption: `Just listed\n${CAPTION}`,
        },
      },
    ]);
    expect(emails).toEqual([]);
    expect(sent).toMatchObject({ channel: 'whatsapp', via: 'image' });
    expect(sent.interaction).toMatchObject({
      type: 'whatsapp',
      direction: 'outbound',
      text: `Just listed\n${CAPTION}`,
      createdBy: dana.agentId,
      metadata: { listingId: listing.listingId, messageType: 'image' },
    });
    expect(await timeline()).toEqual([sent.interaction]);
    expect(sent.lead).toMatchObject({
      leadId: lead.leadId,
      lastInteractionAt: NOW,
      version: lead.version + 1,
    });
  });

  it('sends the caption as text inside the window when the listing has no photo', async () => {
    const { send, whatsapp } = await setup({}, { photoUrls: [] });

    const sent = await send();

    expect(whatsapp).toEqual([{ kind: 'text', request: { to: '+12125550101', body: CAPTION } }]);
    expect(sent.via).toBe('text');
  });

  it('sends the approved template naming the lead and the listing once the window has closed', async () => {
    // Exactly 24 hours since the lead wrote: the window is shut.
    const { send, whatsapp, listing, timeline } = await setup({ lastInboundAt: '2026-03-01T14:00:00.000Z' });

    const sent = await send({ note: 'Just listed' });

    expect(whatsapp).toEqual([
      {
        kind: 'template',
        request: {
          to: '+12125550101',
          name: 'lead_follow_up',
          language: 'en_US',
          bodyParameters: ['Ana', listing.title],
        },
      },
    ]);
    expect(sent.via).toBe('template');
    expect((await timeline())[0]?.metadata).toMatchObject({ listingId: listing.listingId });
  });

  it('greets a lead with no name as "there" in the template, and one who never wrote gets the template too', async () => {
    const { send, whatsapp } = await setup({ name: '', lastInboundAt: undefined });

    await send();

    expect(whatsapp[0]?.request).toMatchObject({ bodyParameters: ['there', '3-bed townhouse in Riverside'] });
  });

  it('messages a lead known only by their WhatsApp id at that id', async () => {
    const { send, whatsapp } = await setup({ phone: undefined, waId: '12125550102' });

    await send({ channel: 'whatsapp' });

    expect(whatsapp[0]?.request).toMatchObject({ to: '+12125550102' });
  });

  it('sends a listing under offer', async () => {
    const { send, whatsapp } = await setup({}, { status: 'under_offer' });

    await expect(send()).resolves.toMatchObject({ channel: 'whatsapp' });
    expect(whatsapp).toHaveLength(1);
  });

  it.each(['sold', 'withdrawn'] as const)(
    'refuses a %s listing with 422, sending nothing',
    async (status) => {
      const { send, whatsapp, emails, timeline } = await setup({}, { status });

      const attempt = send();

      await expect(attempt).rejects.toBeInstanceOf(UnprocessableError);
      await expect(attempt).rejects.toMatchObject({
        message: `The listing is ${status}`,
        extensions: { reason: 'listing_unavailable' },
      });
      expect([whatsapp, emails, await timeline()]).toEqual([[], [], []]);
    },
  );

  it.each([
    ['no number', { phone: undefined, waId: undefined }, NoWhatsAppNumberError],
    ['an undeliverable number', { phoneStatus: 'invalid' as const }, UndeliverableNumberError],
    ['a WhatsApp opt-out', { consent: { whatsapp: 'opted_out' as const } }, LeadOptedOutError],
  ])('refuses WhatsApp when asked for it with %s, sending nothing', async (_case, lead, refusal) => {
    const { send, whatsapp, emails, timeline } = await setup(lead);

    await expect(send({ channel: 'whatsapp' })).rejects.toBeInstanceOf(refusal);
    expect([whatsapp, emails, await timeline()]).toEqual([[], [], []]);
  });

  it('refuses WhatsApp when the registry holds the number’s opt-out, though the lead does not show it', async () => {
    const { send, deps, whatsapp } = await setup();
    await deps.consents.record(
      dana.brokerageId,
      { kind: 'phone', value: '+12125550101' },
      {
        channel: 'whatsapp',
        state: 'opted_out',
        changedAt: '2026-03-01T08:00:00.000Z',
        via: 'message',
        recordedAt: '2026-03-01T08:00:01.000Z',
      },
    );

    await expect(send({ channel: 'whatsapp' })).rejects.toBeInstanceOf(LeadOptedOutError);
    expect(whatsapp).toEqual([]);
  });

  it('emails a lead WhatsApp cannot reach, with the listing, its photos and an unsubscribe link', async () => {
    const { send, whatsapp, emails, lead, listing, deps, timeline } = await setup({
      consent: { whatsapp: 'opted_out' },
    });

    const sent = await send({ note: 'Just listed' });

    const text = `Hi Ana,\n\nJust listed\n${CAPTION}\n${listing.photoUrls.join('\n')}`;
    expect(whatsapp).toEqual([]);
    expect(emails).toEqual([
      {
        to: 'ana.souza@example.com',
        subject: listing.title,
        text,
        unsubscribeUrl: 'https://crm.example.com/unsubscribe/ana.souza@example.com',
        leadId: lead.leadId,
        replyTo: 'replies@riverside.example.com',
      },
    ]);
    expect(sent).toMatchObject({ channel: 'email', via: 'email' });
    expect(sent.interaction).toEqual({
      interactionId: expect.any(String),
      leadId: lead.leadId,
      type: 'email',
      direction: 'outbound',
      text: `${listing.title}\n\n${text}`,
      occurredAt: NOW,
      createdBy: dana.agentId,
      externalId: 'ses-01000000000001',
      metadata: { channel: 'email', subject: listing.title, listingId: listing.listingId },
    });
    expect(await timeline()).toEqual([sent.interaction]);
    expect(await deps.refs.find('ses-01000000000001')).toMatchObject({
      leadId: lead.leadId,
      interactionId: sent.interaction.interactionId,
    });
    expect(sent.lead).toMatchObject({ lastInteractionAt: NOW, version: lead.version + 1 });
  });

  it('emails when asked to, though WhatsApp is open, greeting a nameless lead as "there"', async () => {
    const { send, whatsapp, emails } = await setup({ name: '' });

    await send({ channel: 'email' });

    expect(whatsapp).toEqual([]);
    expect(emails[0]?.text.startsWith('Hi there,\n\n')).toBe(true);
  });

  it('sends no reply-to when the brokerage has none', async () => {
    const { send, emails } = await setup({}, {}, { replyTo: '' });

    await send({ channel: 'email' });

    expect(emails[0]).not.toHaveProperty('replyTo');
  });

  it.each([
    ['email is not set up', {}, false, 'no_email', 'Email is not set up for this brokerage'],
    [
      'the lead has no address',
      { email: undefined },
      true,
      'no_email_address',
      'The lead has no email address',
    ],
    [
      'the lead unsubscribed',
      { consent: { email: 'opted_out' as const } },
      true,
      'opted_out',
      'The lead unsubscribed from email',
    ],
  ])(
    'refuses email with 422 when %s, saying so, sending nothing',
    async (_case, lead, withEmail, reason, message) => {
      const { send, whatsapp, emails, timeline } = await setup(lead, {}, { withEmail });

      const attempt = send({ channel: 'email' });

      await expect(attempt).rejects.toBeInstanceOf(UnprocessableError);
      await expect(attempt).rejects.toMatchObject({ message, extensions: { reason } });
      expect([whatsapp, emails, await timeline()]).toEqual([[], [], []]);
    },
  );

  it('refuses email when the registry holds the address’s unsubscribe', async () => {
    const { send, deps, emails } = await setup();
    await deps.consents.record(
      dana.brokerageId,
      { kind: 'email', value: 'ana.souza@example.com' },
      {
        channel: 'email',
        state: 'opted_out',
        changedAt: '2026-03-01T08:00:00.000Z',
        via: 'unsubscribe_link',
        recordedAt: '2026-03-01T08:00:01.000Z',
      },
    );

    await expect(send({ channel: 'email' })).rejects.toMatchObject({ extensions: { reason: 'opted_out' } });
    expect(emails).toEqual([]);
  });

  it('gives WhatsApp’s reason when neither channel can take it, as that is what the agent can fix first', async () => {
    const { send, whatsapp, emails } = await setup({ phone: undefined, email: undefined });

    await expect(send()).rejects.toBeInstanceOf(NoWhatsAppNumberError);
    expect([whatsapp, emails]).toEqual([[], []]);
  });

  it('answers 404 for another agent’s lead and for another brokerage’s listing, sending nothing', async () => {
    const { send, deps, whatsapp, lead } = await setup();
    const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar@example.com' });
    const foreign = createMockListing({ brokerageId: 'brokerage-harbour' });
    await deps.listings.create(foreign);

    await expect(send({}, omar)).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      sendListing(dana, lead.leadId, foreign.listingId, { channel: 'auto' }, deps),
    ).rejects.toThrow('Listing was not found');
    expect(whatsapp).toEqual([]);
  });

  it('answers 404 when the lead is erased while the message goes out', async () => {
    const { deps, lead, listing } = await setup();
    deps.messaging.sendMedia = async () => {
      await deps.leads.erase(lead);
      return { wamid: 'wamid.HBgLMTIxMjU1NTAxMDEVAgARGBJERASED' };
    };

    await expect(
      sendListing(dana, lead.leadId, listing.listingId, { channel: 'auto' }, deps),
    ).rejects.toThrow('Lead was not found');
  });

  it('answers 404 when the lead is erased just after the message was recorded', async () => {
    const { deps, lead, listing, whatsapp } = await setup();
    deps.scorer.rescore = async () => {
      await deps.leads.erase(lead);
      return undefined;
    };

    await expect(
      sendListing(dana, lead.leadId, listing.listingId, { channel: 'auto' }, deps),
    ).rejects.toThrow(new NotFoundError('Lead'));
    expect(whatsapp).toHaveLength(1);
  });
});
