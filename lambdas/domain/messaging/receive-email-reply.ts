import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { InboundEmail } from '../../ports/inbound-email';
import type { LeadActivity } from '../../ports/receipts';
import { normaliseEmail } from '../leads/contact';
import type { IntakeDeps } from './deps';
import { mostRecentlyActive } from './lead-intake';
import { latestOf, notAfter, retryOnStaleLead, reviseLead } from './lead-revision';
import { webhookReceipt } from './webhook-receipt';

export type EmailReplyResult =
  /** On the lead's timeline, counted as a reply. */
  | 'recorded'
  /** This Message-ID was recorded before: nothing written. */
  | 'duplicate'
  /** An auto-reply or a bounce: not the lead writing. */
  | 'automated'
  /** No lead of the brokerage has the sender's address. */
  | 'unknown_sender'
  | 'lead_gone';

export interface EmailReplyOutcome {
  result: EmailReplyResult;
  leadId?: string;
  reason?: string;
}

type Deps = Pick<IntakeDeps, 'brokerageId' | 'leads' | 'receipts' | 'clock' | 'newId'>;

/** The email on the timeline, the reply counted, the `lead.replied` event and the receipt: one transaction. */
const replyActivity = (lead: Lead, email: InboundEmail, at: Date, deps: Deps): LeadActivity => {
  const message: Interaction = {
    interactionId: deps.newId(),
    leadId: lead.leadId,
    type: 'email',
    direction: 'inbound',
    ...(email.text !== '' && { text: email.text }),
    occurredAt: at.toISOString(),
    metadata: { channel: 'email', subject: email.subject, messageId: email.messageId },
  };
  const next: Lead = {
    ...reviseLead(lead, deps.clock.now()),
    // Not lastInboundAt: that opens WhatsApp's 24-hour window, which only a WhatsApp message does.
    lastInteractionAt: latestOf(lead.lastInteractionAt, at),
    engagement: { ...lead.engagement, replies: lead.engagement.replies + 1 },
  };
  return {
    receipt: webhookReceipt('email-message', email.messageId),
    lead: { previous: lead, next },
    interactions: [message],
    events: [
      {
        leadId: lead.leadId,
        eventId: deps.newId(),
        type: 'lead.replied',
        channel: 'email',
        occurredAt: at.toISOString(),
        data: { interactionId: message.interactionId },
      },
    ],
  };
};

/**
 * Records a lead's emailed reply, at most once per Message-ID.
 * Flow: skip auto-replies and bounces → skip a Message-ID already recorded → the brokerage's lead with
 * the sender's address (the freshest if several agents have it) → the email on its timeline, the reply
 * counted and `lead.replied` (channel email, which stops its follow-up) with the receipt, in one transaction.
 */
export const receiveEmailReply = async (email: InboundEmail, deps: Deps): Promise<EmailReplyOutcome> => {
  if (email.automated) return { result: 'automated', reason: email.automated };
  if (await deps.receipts.has('email-message', email.messageId)) return { result: 'duplicate' };

  const holders = await deps.leads.findByContact(deps.brokerageId, {
    kind: 'email',
    value: normaliseEmail(email.from),
  });
  const lead = mostRecentlyActive(holders);
  if (!lead) return { result: 'unknown_sender' };

  const at = notAfter(email.sentAt, deps.clock.now());
  const recorded = await retryOnStaleLead(lead, deps.leads, (current) =>
    deps.receipts.commit(replyActivity(current, email, at, deps)),
  );
  if (recorded === undefined) return { result: 'lead_gone', leadId: lead.leadId };
  return { result: recorded ? 'recorded' : 'duplicate', leadId: lead.leadId };
};
