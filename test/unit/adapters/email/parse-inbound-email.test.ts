import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseInboundEmail } from '../../../../lambdas/adapters/email/parse-inbound-email';
import { withoutQuotedReply } from '../../../../lambdas/adapters/email/quoted-reply';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/email/${name}`, import.meta.url));

describe('parseInboundEmail', () => {
  it('reads a Gmail reply: lower-case sender, Message-ID, subject, and only the words above the quote', async () => {
    const email = await parseInboundEmail(fixture('gmail-reply.eml'));

    expect(email).toEqual({
      messageId: 'CAF=k3x9Q2v+7Lm0pYt8rWb1NcZs4hGd5JeUo6iA@mail.example.com',
      from: 'priya.shah@example.com',
      subject: 'Re: The townhouse on Riverside Drive',
      text: 'Hi Sam,\n\nSaturday at 11 works for us – could you also send the floor plan?\n\nThanks,\nPriya',
      sentAt: new Date('2026-12-02T15:04:02.000Z'),
    });
  });

  it('marks an out-of-office reply (Auto-Submitted) as automated', async () => {
    const email = await parseInboundEmail(fixture('auto-reply.eml'));
    expect(email?.automated).toBe('auto-submitted: auto-replied');
  });

  it('marks a bounce (a delivery report from the mailer daemon) as automated', async () => {
    const email = await parseInboundEmail(fixture('bounce.eml'));
    expect(email?.automated).toBeDefined();
  });

  it('reads an HTML-only email without its quoted blockquote', async () => {
    const raw = [
      'Message-ID: <html-only-1@mail.example.com>',
      'From: dana.lee@example.com',
      'Subject: Re: Viewing',
      'Content-Type: text/html; charset=UTF-8',
      '',
      '<p>Yes, 3pm is fine.</p><blockquote>Shall we say 3pm?</blockquote>',
    ].join('\r\n');
    expect((await parseInboundEmail(raw))?.text).toBe('Yes, 3pm is fine.');
  });

  it('gives nothing to act on without a Message-ID', async () => {
    const raw = 'From: dana.lee@example.com\r\nSubject: Hi\r\n\r\nHello';
    expect(await parseInboundEmail(raw)).toBeUndefined();
  });
});

describe('withoutQuotedReply', () => {
  it.each([
    ['Outlook', 'Sounds good.\n\n-----Original Message-----\nFrom: Sam\nSent: Monday'],
    ['Outlook web', 'Sounds good.\n\n________________________________\nFrom: Acme Homes'],
    ['a > quote', 'Sounds good.\n> Shall I book it?'],
    ['a signature', 'Sounds good.\n-- \nPriya Shah, Product Lead'],
    [
      'an Apple Mail header',
      'Sounds good.\n\nOn 1 Dec 2026, at 16:30, Acme Homes <homes@acme-homes.example.com> wrote:\n\nHi',
    ],
  ])('keeps the words above %s', (_kind, text) => {
    expect(withoutQuotedReply(text)).toBe('Sounds good.');
  });
});
