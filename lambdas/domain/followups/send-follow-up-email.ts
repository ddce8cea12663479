import type { Interaction } from '../../../schemas/api/timeline';
import type { EmailPort, UnsubscribeLinks } from '../../ports/email';
import type { IdGenerator } from '../../ports/ids';
import type { LeadRepository } from '../../ports/lead-repository';
import type { ReceiptStore } from '../../ports/receipts';
import { recordOutbound } from '../messaging/record-outbound';
import { type DueStep, followUpRefOf, outcomeOfChannelError, type StepOutcome } from './follow-up-send';

/** The brokerage's email, when it is set up: the sender, unsubscribe links, and where replies go. */
export interface FollowUpEmail {
  sender: EmailPort;
  links: UnsubscribeLinks;
  replyTo?: string;
}

export interface SendFollowUpEmailDeps {
  email?: FollowUpEmail;
  leads: LeadRepository;
  receipts: Pick<ReceiptStore, 'commit'>;
  newId: IdGenerator;
}

/**
 * An email step: the draft's subject and text to the lead's address, with a one-click unsubscribe and
 * the brokerage's reply address, recorded on the timeline with the provider's message id and the
 * step's reference. Skipped when email is not set up or the lead has no address.
 */
export const sendFollowUpEmail = async (due: DueStep, deps: SendFollowUpEmailDeps): Promise<StepOutcome> => {
  const { lead, drafted, context, now } = due;
  const skipped = (reason: string): StepOutcome => ({
    kind: 'result',
    result: { status: 'skipped', channel: 'email', reason },
  });
  if (!deps.email) return skipped('email_not_configured');
  if (!lead.email) return skipped('no_contact');
  const subject =
    drafted.draft.subject ?? `About ${context.interest ?? context.propertyTitle ?? 'your enquiry'}`;

  let messageId: string;
  try {
    const unsubscribeUrl = await deps.email.links.linkFor(lead.email);
    ({ messageId } = await deps.email.sender.send({
      to: lead.email,
      subject,
      text: drafted.draft.text,
      unsubscribeUrl,
      leadId: lead.leadId,
      ...(deps.email.replyTo && { replyTo: deps.email.replyTo }),
    }));
  } catch (error) {
    return outcomeOfChannelError(error, 'email');
  }

  const message: Interaction = {
    interactionId: deps.newId(),
    leadId: lead.leadId,
    type: 'email',
    direction: 'outbound',
    text: `${subject}\n\n${drafted.draft.text}`,
    occurredAt: now.toISOString(),
    createdBy: 'system',
    externalId: messageId,
    metadata: { channel: 'email', subject, followUp: followUpRefOf(due), draftSource: drafted.source },
  };
  const ref = {
    externalId: messageId,
    leadId: lead.leadId,
    interactionId: message.interactionId,
    createdAt: message.occurredAt,
  };
  await recordOutbound(lead, message, [ref], deps);
  return {
    kind: 'result',
    result: {
      status: 'sent',
      channel: 'email',
      draftSource: drafted.source,
      interactionId: message.interactionId,
      externalId: messageId,
    },
  };
};
