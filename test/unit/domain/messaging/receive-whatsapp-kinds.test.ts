import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sendWhatsApp } from '../../../../lambdas/domain/messaging/send-whatsapp';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { MessagingPort } from '../../../../lambdas/ports/messaging';
import type { WhatsAppWebhookInput } from '../../../../schemas/events/whatsapp';
import { createMockActor, createMockLead, createMockProfile } from '../../../helpers/factories';
import { TEST_PHONE_NUMBER_ID, whatsAppPreference, whatsAppStatus } from '../../../helpers/webhooks';
import {
  BROKERAGE_ID,
  createInMemoryMessagingDeps,
  eventsOf,
  type InMemoryMessagingDeps,
  receiveWhatsAppForBrokerage,
} from './in-memory-messaging';

const NOW = new Date('2026-11-25T10:00:00.000Z');
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
const SENT_WAMID = 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA';
const SENDER = '12125550142';

const fixture = (name: string): WhatsAppWebhookInput =>
  JSON.parse(readFileSync(new URL(`../../../fixtures/whatsapp/${name}.json`, import.meta.url), 'utf8'));

let wamids = 0;
/** One `messages` change as Meta sends it: the sender's contact card and one message of theirs. */
const messageDelivery = (
  message: Record<string, unknown>,
  contact: Record<string, unknown> = { profile: { name: 'Kai Moreno' }, wa_id: SENDER },
): WhatsAppWebhookInput => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '100000000000101',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '12125550100', phone_number_id: TEST_PHONE_NUMBER_ID },
            contacts: [contact],
            messages: [
              {
                from: SENDER,
                id: `wamid.HBgLMTIxMjU1NTAxNDIVAgASGBQ${(wamids++).toString(36).padStart(6, '0')}AA==`,
                timestamp: String(seconds(NOW) - 60),
                ...message,
              },
            ],
          },
        },
      ],
    },
  ],
});

/** A status of our SENT_WAMID message failing with one of Meta's error codes. */
const failedWith = (code: number, title: string): WhatsAppWebhookInput => {
  const body = whatsAppStatus(SENT_WAMID, 'failed', SENDER) as {
    entry: { changes: { value: { statuses: { errors: unknown[] }[] } }[] }[];
  };
  body.entry[0]!.changes[0]!.value.statuses[0]!.errors = [
    {
      code,
      title,
      message: title,
      error_data: { details: title },
      href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
    },
  ];
  return body as WhatsAppWebhookInput;
};

/** A messaging port that accepts every send under SENT_WAMID. */
const accepting: MessagingPort = (() => {
  const sent = async () => ({ wamid: SENT_WAMID });
  return { sendText: sent, sendTemplate: sent, sendMedia: sent };
})();

let deps: InMemoryMessagingDeps;

beforeEach(async () => {
  wamids = 0;
  deps = createInMemoryMessagingDeps(fixedClock(NOW), { messaging: accepting });
  await deps.agents.createIfAbsent(
    createMockProfile({ agentId: 'agent-a', role: 'agent', email: 'a@example.com' }),
  );
});

const receive = (body: WhatsAppWebhookInput) => receiveWhatsAppForBrokerage({ events: eventsOf(body) }, deps);
const leadOfSender = async () =>
  (await deps.leads.findByContact(BROKERAGE_ID, { kind: 'phone', value: `+${SENDER}` }))[0];
const timeline = async (leadId: string) =>
  (await deps.interactions.listTimeline(leadId, { limit: 50 })).items;
const inbound = async (leadId: string) =>
  (await timeline(leadId)).filter((item) => item.type === 'whatsapp' && item.direction === 'inbound');

describe('receiveWhatsApp: every kind of message is stored on the lead', () => {
  it.each([
    [
      'image',
      {
        mime_type: 'image/jpeg',
        sha256: 'aW1hZ2Utc2hhMjU2',
        id: '1479537139650973',
        caption: 'The kitchen I want',
      },
    ],
    [
      'video',
      {
        mime_type: 'video/mp4',
        sha256: 'dmlkZW8tc2hhMjU2',
        id: '1479537139650974',
        caption: 'Walkthrough of the loft',
      },
    ],
    [
      'document',
      {
        mime_type: 'application/pdf',
        sha256: 'ZG9jLXNoYTI1Ng==',
        id: '1479537139650975',
        caption: 'Pre-approval letter',
        filename: 'pre-approval.pdf',
      },
    ],
  ] as const)('keeps a %s with its caption as the text and the media reference', async (type, media) => {
    const [outcome] = await receive(messageDelivery({ type, [type]: media }));

    const lead = await leadOfSender();
    expect(outcome).toMatchObject({
      kind: 'message',
      result: 'recorded',
      leadId: lead?.leadId,
      created: true,
    });
    const [message] = await inbound(lead!.leadId);
    expect(message).toMatchObject({
      text: media.caption,
      metadata: {
        messageType: type,
        media: { kind: type, id: media.id, mimeType: media.mime_type, caption: media.caption },
      },
    });
    expect(lead?.initialMessage).toBe(media.caption);
  });

  it.each([
    [
      'audio',
      {
        mime_type: 'audio/ogg; codecs=opus',
        sha256: 'YXVkaW8tc2hhMjU2',
        id: '1479537139650976',
        voice: true,
      },
    ],
    [
      'sticker',
      { mime_type: 'image/webp', sha256: 'c3RpY2tlci1zaGEyNTY=', id: '1479537139650977', animated: false },
    ],
  ] as const)('keeps a %s without words as a media message that counts as a reply', async (type, media) => {
    const lead = createMockLead({ phone: `+${SENDER}`, agentId: 'agent-a' });
    await deps.leads.create(lead, []);

    const [outcome] = await receive(messageDelivery({ type, [type]: media }));

    expect(outcome).toMatchObject({ result: 'recorded', leadId: lead.leadId, created: false });
    const [message] = await inbound(lead.leadId);
    expect(message?.text).toBeUndefined();
    expect(message?.metadata).toMatchObject({ messageType: type, media: { kind: type, id: media.id } });
    const stored = await deps.leads.get(lead.leadId);
    expect(stored?.engagement.replies).toBe(1);
    expect(stored?.lastInboundAt).toBe(new Date((seconds(NOW) - 60) * 1000).toISOString());
    expect(deps.events.map((event) => event.type)).toEqual(['lead.replied']);
  });

  it('keeps a template quick-reply button with its title as the text and its payload', async () => {
    const [outcome] = await receive(fixture('button-reply'));

    expect(outcome).toMatchObject({ kind: 'message', result: 'recorded' });
    const [message] = await inbound(outcome!.leadId!);
    expect(message?.metadata).toMatchObject({ messageType: 'button', reply: { title: message?.text } });
    expect(message?.text).toBeTruthy();
  });

  it.each(['interactive-button-reply', 'interactive-list-reply'])(
    'keeps an %s with the chosen title as the text and the choice id',
    async (name) => {
      const [outcome] = await receive(fixture(name));

      const [message] = await inbound(outcome!.leadId!);
      expect(outcome).toMatchObject({ kind: 'message', result: 'recorded' });
      expect(message?.metadata).toMatchObject({
        messageType: 'interactive',
        reply: { id: expect.any(String), title: message?.text },
      });
    },
  );

  it('keeps a reaction with its emoji and the message it reacts to', async () => {
    const [outcome] = await receive(
      messageDelivery({ type: 'reaction', reaction: { message_id: SENT_WAMID, emoji: '👍' } }),
    );

    const [message] = await inbound(outcome!.leadId!);
    expect(message).toMatchObject({
      text: '👍',
      metadata: { messageType: 'reaction', reaction: { messageId: SENT_WAMID, emoji: '👍' } },
    });
  });

  it('keeps a location and shared contacts with a readable line', async () => {
    const [location] = await receive(fixture('location-message'));
    const [contacts] = await receive(fixture('contacts-message'));

    const texts = (await inbound(location!.leadId!)).map((item) => item.text);
    expect(contacts?.leadId).toBe(location?.leadId);
    expect(texts.some((line) => line?.startsWith('Location: '))).toBe(true);
    expect(texts.some((line) => line?.startsWith('Shared contact'))).toBe(true);
  });

  it('keeps a message of a type WhatsApp does not support, with its error, as a reply without text', async () => {
    const [outcome] = await receive(
      messageDelivery({
        type: 'unsupported',
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
      }),
    );

    expect(outcome).toMatchObject({ kind: 'message', result: 'recorded', created: true });
    const [message] = await inbound(outcome!.leadId!);
    expect(message?.text).toBeUndefined();
    expect(message?.metadata).toMatchObject({ messageType: 'unsupported', errors: [{ code: 131051 }] });
  });

  it('stores nothing for a sender known only by a username (BSUID, no wa_id)', async () => {
    const body = messageDelivery(
      {
        from: undefined,
        from_user_id: 'US.13491208655302741918',
        type: 'text',
        text: { body: 'Hi, is it still for sale?' },
      },
      { profile: { name: 'kai.moreno' }, user_id: 'US.13491208655302741918', username: '@kai.moreno' },
    );

    const [outcome] = await receive(body);

    expect(outcome).toMatchObject({ kind: 'message', result: 'no_phone' });
    expect(
      (await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 10 })).items,
    ).toEqual([]);
  });

  it('reports an `errors` change from Meta without storing anything', async () => {
    const body = messageDelivery({});
    const value = body.entry[0]!.changes[0]!.value as Record<string, unknown>;
    delete value.messages;
    delete value.contacts;
    value.errors = [
      {
        code: 131000,
        title: 'Something went wrong',
        message: 'Something went wrong',
        error_data: { details: 'Unknown error. Please retry.' },
      },
    ];

    const outcomes = await receive(body);

    expect(outcomes).toEqual([{ kind: 'error', result: 'reported', reason: '131000' }]);
    expect(
      (await deps.leads.listForBrokerage({ brokerageId: BROKERAGE_ID, sort: 'newest', limit: 10 })).items,
    ).toEqual([]);
  });
});

describe('receiveWhatsApp: only what the person typed or tapped changes consent', () => {
  it('keeps the lead opted in when STOP is the caption of a photo', async () => {
    const lead = createMockLead({ phone: `+${SENDER}`, agentId: 'agent-a' });
    await deps.leads.create(lead, []);

    await receive(
      messageDelivery({
        type: 'image',
        image: {
          mime_type: 'image/jpeg',
          sha256: 'c3RvcC1waG90bw==',
          id: '1479537139650978',
          caption: 'STOP',
        },
      }),
    );

    const stored = await deps.leads.get(lead.leadId);
    expect(stored?.consent?.whatsapp).toBeUndefined();
    expect((await timeline(lead.leadId)).filter((item) => item.type === 'consent')).toEqual([]);
    expect(await deps.consents.find(BROKERAGE_ID, [{ kind: 'phone', value: `+${SENDER}` }])).toEqual([]);
    expect(deps.events.map((event) => event.type)).not.toContain('lead.opted_out');
    expect((await inbound(lead.leadId)).map((item) => item.text)).toEqual(['STOP']);
  });

  it.each([
    ['a quick-reply button', { type: 'button', button: { payload: 'opt-out', text: 'STOP' } }],
    [
      'an interactive button',
      {
        type: 'interactive',
        interactive: { type: 'button_reply', button_reply: { id: 'opt-out', title: 'Stop' } },
      },
    ],
  ])('opts the lead out when they tap %s saying STOP', async (_what, message) => {
    const lead = createMockLead({ phone: `+${SENDER}`, agentId: 'agent-a' });
    await deps.leads.create(lead, []);

    await receive(messageDelivery(message));

    expect((await deps.leads.get(lead.leadId))?.consent?.whatsapp).toBe('opted_out');
    expect(await deps.consents.find(BROKERAGE_ID, [{ kind: 'phone', value: `+${SENDER}` }])).toMatchObject([
      { channel: 'whatsapp', state: 'opted_out', via: 'message' },
    ]);
    expect(deps.events.map((event) => event.type)).toContain('lead.opted_out');
  });
});

describe("receiveWhatsApp: WhatsApp's marketing preferences", () => {
  it('records a stop and a later resume on the lead and the registry, ignoring an older stop', async () => {
    const lead = createMockLead({ phone: `+${SENDER}`, agentId: 'agent-a' });
    await deps.leads.create(lead, []);
    const minute = (n: number) => seconds(NOW) - 600 + n * 60;

    const [stopped] = await receive(whatsAppPreference(SENDER, 'stop', minute(1)));
    expect((await deps.leads.get(lead.leadId))?.consent?.whatsapp).toBe('opted_out');
    const [resumed] = await receive(whatsAppPreference(SENDER, 'resume', minute(3)));
    const [late] = await receive(whatsAppPreference(SENDER, 'stop', minute(2)));

    expect([stopped?.result, resumed?.result, late?.result]).toEqual(['recorded', 'recorded', 'unchanged']);
    expect((await deps.leads.get(lead.leadId))?.consent).toMatchObject({
      whatsapp: 'opted_in',
      whatsappChangedAt: new Date(minute(3) * 1000).toISOString(),
    });
    expect(await deps.consents.find(BROKERAGE_ID, [{ kind: 'phone', value: `+${SENDER}` }])).toMatchObject([
      { channel: 'whatsapp', state: 'opted_in', via: 'preference' },
    ]);
  });

  it('records a stop for a number no lead has yet, so a lead created later starts opted out', async () => {
    const [outcome] = await receive(whatsAppPreference(SENDER, 'stop', seconds(NOW) - 300));
    expect(outcome).toMatchObject({ kind: 'preference', result: 'recorded' });
    expect(await deps.consents.find(BROKERAGE_ID, [{ kind: 'phone', value: `+${SENDER}` }])).toMatchObject([
      { state: 'opted_out' },
    ]);

    await receive(messageDelivery({ type: 'text', text: { body: 'Hello again' } }));

    expect((await leadOfSender())?.consent?.whatsapp).toBe('opted_out');
  });

  it('stores nothing for a preference of a username-only sender', async () => {
    const body = whatsAppPreference(SENDER, 'stop');
    const value = body.entry[0]!.changes[0]!.value as {
      user_preferences: Record<string, unknown>[];
      contacts: Record<string, unknown>[];
    };
    delete value.user_preferences[0]!.wa_id;
    value.user_preferences[0]!.user_id = 'US.13491208655302741918';
    value.contacts = [{ profile: { name: 'kai.moreno' }, user_id: 'US.13491208655302741918' }];

    const [outcome] = await receive(body);

    expect(outcome).toMatchObject({ kind: 'preference', result: 'no_phone' });
    expect(await deps.consents.find(BROKERAGE_ID, [{ kind: 'wa_id', value: SENDER }])).toEqual([]);
  });
});

describe('receiveWhatsApp: delivery statuses of our messages', () => {
  let leadId: string;
  let messageId: string;
  beforeEach(async () => {
    const lead = createMockLead({
      phone: `+${SENDER}`,
      agentId: 'agent-a',
      lastInboundAt: '2026-11-25T09:00:00.000Z',
    });
    await deps.leads.create(lead, []);
    leadId = lead.leadId;
    messageId = (
      await sendWhatsApp(
        createMockActor({ agentId: 'agent-a' }),
        leadId,
        { text: 'Saturday at 11?' },
        {},
        deps,
      )
    ).interactionId;
  });
  const sent = async () => (await timeline(leadId)).find((item) => item.interactionId === messageId);

  it.each(['sent', 'delivered', 'read'] as const)(
    'moves the message to %s with the time Meta reports',
    async (status) => {
      const [outcome] = await receive(whatsAppStatus(SENT_WAMID, status, SENDER));

      expect(outcome).toMatchObject({ kind: 'status', result: 'updated', leadId });
      const message = await sent();
      expect(message?.deliveryStatus).toBe(status);
      expect(Object.keys((message?.metadata?.statusTimes ?? {}) as object)).toContain(status);
    },
  );

  it('ends on read whatever order the statuses arrive in, and a repeat changes nothing', async () => {
    const outcomes = await receiveWhatsAppForBrokerage(
      {
        events: [
          ...eventsOf(whatsAppStatus(SENT_WAMID, 'read', SENDER)),
          ...eventsOf(whatsAppStatus(SENT_WAMID, 'sent', SENDER)),
          ...eventsOf(whatsAppStatus(SENT_WAMID, 'delivered', SENDER)),
          ...eventsOf(whatsAppStatus(SENT_WAMID, 'read', SENDER)),
        ],
      },
      deps,
    );

    expect(outcomes.map((outcome) => outcome.result)).toEqual([
      'updated',
      'unchanged',
      'unchanged',
      'duplicate',
    ]);
    expect((await sent())?.deliveryStatus).toBe('read');
  });

  it('keeps a message read when a failure arrives after it', async () => {
    await receive(whatsAppStatus(SENT_WAMID, 'read', SENDER));
    const [late] = await receive(failedWith(131026, 'Message undeliverable'));

    expect(late).toMatchObject({ result: 'unchanged' });
    expect((await sent())?.deliveryStatus).toBe('read');
    expect((await deps.leads.get(leadId))?.phoneStatus).not.toBe('invalid');
  });

  it.each([
    [131026, 'Message undeliverable'],
    [131030, 'Recipient phone number not in allowed list'],
    [131021, 'Recipient cannot be sender'],
  ])('marks the number undeliverable on a %i failure, with a line on the timeline', async (code, title) => {
    const [outcome] = await receive(failedWith(code, title));

    expect(outcome).toMatchObject({ kind: 'status', result: 'updated', leadId });
    expect(await sent()).toMatchObject({ deliveryStatus: 'failed', metadata: { error: { code, title } } });
    expect((await deps.leads.get(leadId))?.phoneStatus).toBe('invalid');
    const notes = (await timeline(leadId)).filter((item) => item.type === 'system');
    expect(notes.map((item) => item.text)).toEqual([
      `WhatsApp cannot deliver to this number (${code}: ${title})`,
    ]);
  });

  it.each([
    [131047, 'Re-engagement message'],
    [131049, 'This message was not delivered to maintain healthy ecosystem engagement.'],
    [131000, 'Something went wrong'],
    [131056, '(Business Account, Consumer Account) pair rate limit hit'],
    [131050, 'User has stopped marketing messages'],
    [130472, "User's number is part of an experiment"],
  ])('records a %i failure on the message but leaves the number deliverable', async (code, title) => {
    const [outcome] = await receive(failedWith(code, title));

    expect(outcome).toMatchObject({ kind: 'status', result: 'updated', leadId });
    expect(await sent()).toMatchObject({ deliveryStatus: 'failed', metadata: { error: { code } } });
    expect((await deps.leads.get(leadId))?.phoneStatus).not.toBe('invalid');
    expect((await timeline(leadId)).filter((item) => item.type === 'system')).toEqual([]);
  });

  it('moves a failed message on to delivered when Meta retries it successfully, keeping the number', async () => {
    await receive(failedWith(131000, 'Something went wrong'));
    const [outcome] = await receive(whatsAppStatus(SENT_WAMID, 'delivered', SENDER));

    expect(outcome).toMatchObject({ result: 'updated' });
    expect((await sent())?.deliveryStatus).toBe('delivered');
  });

  it('leaves a status of a message we did not send for a while, storing nothing on any lead', async () => {
    const other = 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBJPVEhFUlRPT0xTRU5UAA==';
    const [outcome] = await receive(whatsAppStatus(other, 'delivered', SENDER));

    expect(outcome).toMatchObject({ kind: 'status', result: 'pending' });
    expect((await sent())?.deliveryStatus).toBe('accepted');
  });
});
