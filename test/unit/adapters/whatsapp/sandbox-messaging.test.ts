import { describe, expect, it } from 'vitest';
import { createMemoryOutbox } from '../../../../lambdas/adapters/whatsapp/memory-outbox';
import { createSandboxMessaging } from '../../../../lambdas/adapters/whatsapp/sandbox-messaging';
import { fixedClock } from '../../../../lambdas/ports/clock';

const wamidShape = /^wamid\.[A-Za-z0-9+/]+=*$/;

const setup = () => {
  const outbox = createMemoryOutbox();
  const clock = fixedClock('2026-11-25T09:30:00.000Z');
  return { outbox, clock, messaging: createSandboxMessaging({ outbox, clock }) };
};

describe('createSandboxMessaging', () => {
  it('records a text in the outbox and resolves the wamid it invented', async () => {
    const { outbox, messaging } = setup();

    const sent = await messaging.sendText({
      to: '+12125550142',
      body: 'Hi Dana, the flat is still available.',
    });

    expect(sent.wamid).toMatch(wamidShape);
    expect(await outbox.list()).toEqual([
      {
        wamid: sent.wamid,
        channel: 'whatsapp',
        to: '+12125550142',
        kind: 'text',
        body: 'Hi Dana, the flat is still available.',
        at: '2026-11-25T09:30:00.000Z',
      },
    ]);
  });

  it('records a template with its name, language and parameters', async () => {
    const { outbox, messaging } = setup();
    await messaging.sendTemplate({
      to: '+12125550142',
      name: 'follow_up_viewing',
      language: 'en_US',
      bodyParameters: ['Dana', '5th Avenue flat'],
    });
    expect((await outbox.list())[0]).toMatchObject({
      kind: 'template',
      template: { name: 'follow_up_viewing', language: 'en_US', bodyParameters: ['Dana', '5th Avenue flat'] },
    });
  });

  it('records media by kind with its link, caption and file name', async () => {
    const { outbox, messaging } = setup();
    await messaging.sendMedia({
      to: '+12125550142',
      kind: 'document',
      link: 'https://example.com/listing/5th/brochure.pdf',
      filename: 'brochure.pdf',
      caption: 'The brochure',
    });
    expect((await outbox.list())[0]).toMatchObject({
      kind: 'document',
      media: {
        link: 'https://example.com/listing/5th/brochure.pdf',
        filename: 'brochure.pdf',
        caption: 'The brochure',
      },
    });
  });

  it('keeps messages in the order sent, each with its own wamid and time', async () => {
    const { outbox, clock, messaging } = setup();
    const first = await messaging.sendText({ to: '+12125550142', body: 'One' });
    clock.advance(60_000);
    const second = await messaging.sendText({ to: '+12125550142', body: 'Two' });

    const entries = await outbox.list();
    expect(entries.map((e) => [e.body, e.channel === 'whatsapp' ? e.wamid : e.messageId, e.at])).toEqual([
      ['One', first.wamid, '2026-11-25T09:30:00.000Z'],
      ['Two', second.wamid, '2026-11-25T09:31:00.000Z'],
    ]);
    expect(first.wamid).not.toBe(second.wamid);
  });

  it('sends outside the 24-hour window too: the window is the use case’s check, not the channel’s', async () => {
    const { messaging } = setup();
    await expect(messaging.sendText({ to: '+12125550142', body: 'Weeks later' })).resolves.toHaveProperty(
      'wamid',
    );
  });
});

describe('createMemoryOutbox', () => {
  it('hands out copies, so a caller cannot rewrite what was sent', async () => {
    const outbox = createMemoryOutbox();
    await outbox.append({
      wamid: 'wamid.A',
      channel: 'whatsapp',
      to: '1',
      kind: 'text',
      body: 'x',
      at: 'now',
    });
    const [entry] = await outbox.list();
    entry!.body = 'changed';
    expect((await outbox.list())[0]?.body).toBe('x');
  });
});
