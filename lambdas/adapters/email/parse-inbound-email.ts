import PostalMime, { type Email } from 'postal-mime';
import type { InboundEmail, InboundEmailParser } from '../../ports/inbound-email';
import { withoutQuotedReply } from './quoted-reply';

const MAX_TEXT = 4000;
const MAX_SUBJECT = 300;

const header = (email: Email, name: string) =>
  email.headers
    .find((h) => h.key.toLowerCase() === name)
    ?.value.trim()
    .toLowerCase();

/** RFC 3834 and the headers mail servers actually send, plus delivery reports (bounces, DSNs). */
const automatedReason = (email: Email): string | undefined => {
  const autoSubmitted = header(email, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return `auto-submitted: ${autoSubmitted.split(';')[0]}`;
  if (header(email, 'x-autoreply') || header(email, 'x-autorespond')) return 'auto-reply header';
  const precedence = header(email, 'precedence');
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence))
    return `precedence: ${precedence}`;
  const contentType = header(email, 'content-type') ?? '';
  if (contentType.startsWith('multipart/report')) return 'delivery report';
  const from = email.from?.address?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(from)) return 'mail server';
  if (email.returnPath !== undefined && email.returnPath.replace(/[<>\s]/g, '') === '')
    return 'null return path';
  return undefined;
};

/** A rough text of an HTML-only email: tags dropped, paragraphs kept as lines. */
const textOfHtml = (html: string) =>
  html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, '')
    .replace(/<blockquote[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<br\s*\/?>|<\/p>|<\/div>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/**
 * Reads an inbound email with postal-mime: the sender, subject, Message-ID and the words the sender
 * wrote above the quoted message; undefined when it has no sender or Message-ID to act on.
 */
export const parseInboundEmail: InboundEmailParser = async (raw) => {
  const email = await PostalMime.parse(raw);
  const from = email.from?.address?.trim().toLowerCase();
  const messageId = email.messageId?.trim().replace(/^<|>$/g, '');
  if (!from || !messageId) return undefined;
  const body = email.text ?? (email.html ? textOfHtml(email.html) : '');
  const sentAt = email.date ? new Date(email.date) : undefined;
  const automated = automatedReason(email);
  const parsed: InboundEmail = {
    messageId: messageId.slice(0, 998),
    from,
    subject: (email.subject ?? '').trim().slice(0, MAX_SUBJECT),
    text: withoutQuotedReply(body).slice(0, MAX_TEXT),
    ...(sentAt && !Number.isNaN(sentAt.getTime()) && { sentAt }),
    ...(automated && { automated }),
  };
  return parsed;
};
