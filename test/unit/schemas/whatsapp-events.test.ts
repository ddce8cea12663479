import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  InvalidRecipientError,
  messagingErrorFromMeta,
  WindowClosedError,
} from '../../../lambdas/domain/messaging/messaging-errors';
import {
  parseWhatsAppEvents,
  type WhatsAppSkipped,
  type WhatsAppWebhookInput,
  whatsAppWebhookSchema,
} from '../../../schemas/events/whatsapp';

const fixture = (name: string): WhatsAppWebhookInput =>
  JSON.parse(readFileSync(new URL(`../../fixtures/whatsapp/${name}`, import.meta.url), 'utf8'));

/** The first change's value, for tests that edit a fixture. */
const firstValue = (body: unknown) =>
  (body as { entry: { changes: { value: unknown }[] }[] }).entry[0]!.changes[0]!.value as Record<
    string,
    unknown
  >;

const eventsOf = (name: string) => parseWhatsAppEvents(whatsAppWebhookSchema.parse(fixture(name)));

const business = { phoneNumberId: '100000000000201' };
const dana = { waId: '12125550142', profileName: 'Dana Lee' };
const at = (iso: string) => new Date(iso);

describe('whatsAppWebhookSchema and parseWhatsAppEvents', () => {
  it('turns a text message into a message event with the sender and the text', () => {
    expect(eventsOf('text-message.json')).toEqual([
      {
        kind: 'message',
        ...business,
        ...dana,
        wamid: 'wamid.HBgLMTIxMjU1NTAxNDIVAgASGBQzQTg5RjQ0QkE3MDExAA==',
        timestamp: at('2026-11-25T09:30:00Z'),
        type: 'text',
        text: 'Hi, is the flat on 5th still available?',
      },
    ]);
  });

  it('keeps an image with its media id and uses the caption as the text', () => {
    const [event] = eventsOf('image-with-caption.json');
    expect(event).toMatchObject({
      kind: 'message',
      type: 'image',
      text: 'This is the kind of kitchen I want',
      media: {
        kind: 'image',
        id: '1234567890123456',
        mimeType: 'image/jpeg',
        sha256: 'Qh7zKkR1D1cY2b0r5n3o0Zb6m1x8w9v4u3t2s1r0q9p=',
        caption: 'This is the kind of kitchen I want',
      },
    });
  });

  it('reads a template quick-reply button as a reply to the quoted message', () => {
    const [event] = eventsOf('button-reply.json');
    expect(event).toMatchObject({
      kind: 'message',
      type: 'button',
      text: 'Book a viewing',
      reply: { id: 'BOOK_VIEWING', title: 'Book a viewing' },
      context: { wamid: 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA', forwarded: false },
    });
  });

  it('reads an interactive list choice with its row id, title and description', () => {
    const [event] = eventsOf('interactive-list-reply.json');
    expect(event).toMatchObject({
      type: 'interactive',
      text: '$500k - $750k',
      reply: { id: 'budget_500_750', title: '$500k - $750k', description: 'Purchase budget' },
    });
  });

  it('reads an interactive button choice', () => {
    const [event] = eventsOf('interactive-button-reply.json');
    expect(event).toMatchObject({
      type: 'interactive',
      text: 'Call me',
      reply: { id: 'call_me', title: 'Call me' },
    });
  });

  it('carries the click-to-WhatsApp ad that started the conversation', () => {
    const [event] = eventsOf('referral-message.json');
    expect(event).toMatchObject({
      text: "Hi, I'd like more details about the Riverside townhouses",
      referral: {
        sourceUrl: 'https://fb.me/3cr4Wqqkv',
        sourceId: '120226305854810726',
        sourceType: 'ad',
        headline: 'Riverside townhouses',
        body: '3-bed townhouses in Riverside, from $640k. Message us to book a viewing.',
        ctwaClid: expect.stringMatching(/^ARAk/),
      },
    });
  });

  it.each([
    ['status-sent.json', 'sent', '2026-11-25T09:31:40Z'],
    ['status-delivered.json', 'delivered', '2026-11-25T09:31:42Z'],
    ['status-read.json', 'read', '2026-11-25T09:35:00Z'],
  ])('turns %s into a %s status for our message', (name, status, time) => {
    expect(eventsOf(name)).toEqual([
      expect.objectContaining({
        kind: 'status',
        ...business,
        wamid: 'wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
        status,
        timestamp: at(time),
        recipientId: '12125550142',
      }),
    ]);
  });

  it('keeps the pricing category of a sent status', () => {
    expect(eventsOf('status-sent.json')[0]).toMatchObject({ pricingCategory: 'service' });
  });

  it('reports a closed 24-hour window as a failed status whose error maps to WindowClosedError', () => {
    const [event] = eventsOf('status-failed-window-closed.json');
    expect(event).toMatchObject({
      kind: 'status',
      status: 'failed',
      errors: [
        {
          code: 131047,
          title: 'Re-engagement message',
          message: 'Re-engagement message',
          details: expect.stringContaining('more than 24 hours'),
        },
      ],
    });
    const error = event?.kind === 'status' ? event.errors?.[0] : undefined;
    expect(error && messagingErrorFromMeta(error)).toBeInstanceOf(WindowClosedError);
  });

  it('reports an undeliverable number as a failed status whose error maps to InvalidRecipientError', () => {
    const [event] = eventsOf('status-failed-undeliverable.json');
    expect(event).toMatchObject({ status: 'failed', recipientId: '12125550199', errors: [{ code: 131026 }] });
    const error = event?.kind === 'status' ? event.errors?.[0] : undefined;
    expect(error && messagingErrorFromMeta(error)).toBeInstanceOf(InvalidRecipientError);
  });

  it('turns a user_preferences stop into a marketing opt-out for the person', () => {
    expect(eventsOf('user-preferences-stop.json')).toEqual([
      {
        kind: 'preference',
        ...business,
        waId: '12125550142',
        value: 'stop',
        category: 'marketing_messages',
        timestamp: at('2026-11-25T09:30:00Z'),
      },
    ]);
  });

  it('flattens a batch of messages, statuses and preferences in delivery order', () => {
    const events = eventsOf('batch.json');
    expect(events.map((e) => `${e.kind} ${'wamid' in e ? e.wamid : 'waId' in e ? e.waId : ''}`)).toEqual([
      'message wamid.HBgLMTIxMjU1NTAxNDIVAgASGBQzQTg5RjQ0QkE3MDIxAA==',
      'message wamid.HBgLMTIxMjU1NTAxNDIVAgASGBQzQTg5RjQ0QkE3MDIyAA==',
      'status wamid.HBgLMTIxMjU1NTAxNDIVAgARGBI5QTNDQTVCM0Q0Q0Q2RTY3RTcA',
      'status wamid.HBgLMTIxMjU1NTAxNDMVAgARGBI3RTZENUM0QjNBMjkxMEYwMDAA',
      'preference 12125550143',
    ]);
  });

  it('matches each message of a batch to its own sender profile', () => {
    const messages = eventsOf('batch.json').filter((e) => e.kind === 'message');
    expect(messages).toEqual([
      expect.objectContaining({ waId: '12125550142', profileName: 'Dana Lee', text: 'Is parking included?' }),
      expect.objectContaining({
        waId: '12125550143',
        profileName: 'Sam Rivera',
        type: 'document',
        text: 'Pre-approval letter',
        media: expect.objectContaining({ kind: 'document', filename: 'pre-approval.pdf' }),
      }),
    ]);
  });

  it('drops statuses it does not track (a voice message "played") and fields it does not handle', () => {
    const events = eventsOf('batch.json');
    expect(events.filter((e) => e.kind === 'status').map((e) => e.kind === 'status' && e.status)).toEqual([
      'delivered',
      'read',
    ]);
    expect(events).toHaveLength(5);
  });

  it('accepts fields Meta adds later and keeps them on the parsed envelope', () => {
    const body = fixture('text-message.json');
    const value = firstValue(body);
    value.some_future_field = { enabled: true };
    (value.messages as Record<string, unknown>[])[0]!.new_flag = 1;
    const parsed = whatsAppWebhookSchema.parse(body);
    expect(firstValue(parsed).some_future_field).toEqual({
      enabled: true,
    });
    expect(parseWhatsAppEvents(parsed)).toHaveLength(1);
  });

  it('names a sender by business-scoped user id when the phone number is withheld', () => {
    const body = fixture('text-message.json');
    const value = firstValue(body);
    value.contacts = [
      { profile: { name: 'Dana Lee' }, user_id: 'US.13491208655302741918', username: '@danalee' },
    ];
    const [message] = value.messages as Record<string, unknown>[];
    delete message!.from;
    message!.from_user_id = 'US.13491208655302741918';
    const [event] = parseWhatsAppEvents(whatsAppWebhookSchema.parse(body));
    expect(event).toMatchObject({ userId: 'US.13491208655302741918', profileName: 'Dana Lee' });
    expect(event).not.toHaveProperty('waId');
  });

  it('surfaces errors Meta reports outside any message as error events', () => {
    const body = fixture('status-read.json');
    const value = firstValue(body);
    delete value.statuses;
    value.errors = [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong' }];
    expect(parseWhatsAppEvents(whatsAppWebhookSchema.parse(body))).toEqual([
      {
        kind: 'error',
        ...business,
        error: { code: 131000, title: 'Something went wrong', message: 'Something went wrong' },
      },
    ]);
  });

  it('rejects a body that is not a WhatsApp Business Account webhook', () => {
    const body = { ...fixture('text-message.json'), object: 'page' };
    expect(whatsAppWebhookSchema.safeParse(body).success).toBe(false);
  });

  it('skips a messages change whose value lacks the business metadata, saying why', () => {
    const body = fixture('text-message.json');
    delete firstValue(body).metadata;
    const skipped: WhatsAppSkipped[] = [];

    expect(parseWhatsAppEvents(whatsAppWebhookSchema.parse(body), (item) => skipped.push(item))).toEqual([]);
    expect(skipped).toEqual([
      { kind: 'change', field: 'messages', reason: expect.stringContaining('metadata') },
    ]);
  });
});

describe('parseWhatsAppEvents change by change', () => {
  const parseWithSkips = (name: string) => {
    const skipped: WhatsAppSkipped[] = [];
    const events = parseWhatsAppEvents(whatsAppWebhookSchema.parse(fixture(name)), (item) =>
      skipped.push(item),
    );
    return { events, skipped };
  };

  it('keeps the good messages of a delivery with malformed changes and reports each odd one', () => {
    const { events, skipped } = parseWithSkips('malformed-changes.json');

    expect(events.map((e) => (e.kind === 'message' ? e.text : e.kind))).toEqual([
      'Is the Maple Ave house still available?',
      'We could view it on Saturday.',
    ]);
    expect(skipped.map(({ kind, field }) => `${kind} ${field ?? '-'}`)).toEqual([
      'change messages',
      'change message_template_status_update',
      'message messages',
      'status messages',
      'change messages',
      'entry -',
    ]);
    expect(skipped.find((item) => item.kind === 'message')?.reason).toContain('id');
  });

  it('never puts a number or the words of a message into a skip reason', () => {
    const { skipped } = parseWithSkips('malformed-changes.json');

    const reasons = JSON.stringify(skipped);
    expect(reasons).not.toMatch(/12125550142|no id|Saturday/);
  });

  it('reads a status with an impossible timestamp as a status, leaving the time to the use case', () => {
    const { events, skipped } = parseWithSkips('status-impossible-timestamp.json');

    expect(skipped).toEqual([]);
    expect(events).toEqual([expect.objectContaining({ kind: 'status', status: 'delivered' })]);
  });

  it('reads a Mexican sender with its 521 WhatsApp id as sent', () => {
    const [event] = eventsOf('text-message-mexico.json');
    expect(event).toMatchObject({ kind: 'message', waId: '5215555550123', profileName: 'Lucía Fernández' });
  });

  it('keeps the coordinates, name, address and link of a shared location', () => {
    const [event] = eventsOf('location-message.json');
    expect(event).toMatchObject({
      type: 'location',
      location: {
        latitude: 40.7128,
        longitude: -74.006,
        name: 'Riverside townhouses',
        address: '100 River Rd, Riverside, NY 10001',
        url: 'https://maps.example.com/riverside',
      },
    });
  });

  it("keeps shared contacts' names, numbers and emails", () => {
    const [event] = eventsOf('contacts-message.json');
    expect(event).toMatchObject({
      type: 'contacts',
      sharedContacts: [
        {
          name: 'Alex Kim',
          company: 'Kim & Partners',
          phones: [
            { phone: '+1 (212) 555-0178', waId: '12125550178', type: 'CELL' },
            { phone: '+1 (212) 555-0179', type: 'WORK' },
          ],
          emails: [{ email: 'alex.kim@example.com', type: 'WORK' }],
        },
      ],
    });
  });

  it('reads a changed number from a system message, in the current and the pre-v12 shape', () => {
    const [event] = eventsOf('system-user-changed-number.json');
    expect(event).toMatchObject({
      kind: 'message',
      type: 'system',
      waId: '12125550161',
      system: { type: 'user_changed_number', newWaId: '12125550162' },
    });

    const old = fixture('system-user-changed-number.json');
    const [message] = firstValue(old).messages as { system: Record<string, unknown> }[];
    message!.system = { body: 'changed', new_wa_id: 12125550163, type: 'customer_changed_number' };
    expect(parseWhatsAppEvents(whatsAppWebhookSchema.parse(old))[0]).toMatchObject({
      system: { type: 'customer_changed_number', newWaId: '12125550163' },
    });
  });
});
