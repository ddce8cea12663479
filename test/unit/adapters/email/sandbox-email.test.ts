import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSandboxEmail } from '../../../../lambdas/adapters/email/sandbox-email';
import { createFileOutbox } from '../../../../lambdas/adapters/whatsapp/file-outbox';
import { createSandboxMessaging } from '../../../../lambdas/adapters/whatsapp/sandbox-messaging';
import { fixedClock } from '../../../../lambdas/ports/clock';

const unsubscribeUrl = 'http://localhost:3000/unsubscribe/u_3b1f0c9e7a2d4c58b6f1e0a9d2c7b4e8';

describe('createSandboxEmail', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(join(tmpdir(), 'email-outbox-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('records the email with its unsubscribe headers in the outbox, after the WhatsApp messages sent before it', async () => {
    const outbox = createFileOutbox(directory);
    const clock = fixedClock(new Date('2026-12-02T15:00:00.000Z'));
    await createSandboxMessaging({ outbox, clock, wamid: () => 'wamid.SANDBOX1' }).sendText({
      to: '+12125550142',
      body: 'Hi Dana',
    });
    const email = createSandboxEmail({
      outbox,
      clock,
      from: 'Demo Realty <homes@demo-realty.example.com>',
      replyTo: 'replies@demo-realty.example.com',
      messageId: () => 'sandbox-1',
    });

    const sent = await email.send({
      to: 'dana.lee@example.com',
      subject: 'The townhouse on Riverside Drive',
      text: 'Hi Dana, shall I book a viewing on Saturday?',
      unsubscribeUrl,
      leadId: '01JEXAMPLELEAD000000000001',
    });

    expect(sent).toEqual({ messageId: 'sandbox-1' });
    const listed = await createFileOutbox(directory).list();
    expect(listed.map((entry) => entry.channel)).toEqual(['whatsapp', 'email']);
    expect(listed[1]).toMatchObject({
      channel: 'email',
      to: 'dana.lee@example.com',
      replyTo: 'replies@demo-realty.example.com',
      subject: 'The townhouse on Riverside Drive',
      headers: {
        'List-Unsubscribe': `<${unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      unsubscribeUrl,
      at: '2026-12-02T15:00:00.000Z',
    });
    expect(listed[1]?.body).toContain('shall I book a viewing on Saturday?');
    expect(listed[1]?.body).toContain(unsubscribeUrl);
  });
});
