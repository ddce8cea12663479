import { randomUUID } from 'node:crypto';
import type { Clock } from '../../ports/clock';
import { systemClock } from '../../ports/clock';
import type { EmailPort } from '../../ports/email';
import type { EmailOutboxEntry, Outbox } from '../../ports/outbox';
import { emailText } from './email-body';

export interface SandboxEmailOptions {
  outbox: Outbox;
  /** The sender the stack would use; locally a placeholder of the brokerage. */
  from: string;
  replyTo?: string;
  clock?: Clock;
  /** Injected for deterministic ids in tests. */
  messageId?: () => string;
}

/**
 * An EmailPort for running without SES: each email lands in the outbox next to WhatsApp's, with the
 * headers SES would send (the one-click unsubscribe among them), and nothing leaves the machine.
 */
export const createSandboxEmail = ({
  outbox,
  from,
  replyTo,
  clock = systemClock,
  messageId = () => `sandbox-${randomUUID()}`,
}: SandboxEmailOptions): EmailPort => ({
  async send(message) {
    const reply = message.replyTo ?? replyTo;
    const entry: EmailOutboxEntry = {
      messageId: messageId(),
      channel: 'email',
      kind: 'email',
      from,
      to: message.to,
      ...(reply && { replyTo: reply }),
      subject: message.subject,
      body: emailText(message),
      headers: {
        'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
      unsubscribeUrl: message.unsubscribeUrl,
      leadId: message.leadId,
      at: clock.now().toISOString(),
    };
    await outbox.append(entry);
    return { messageId: entry.messageId };
  },
});
