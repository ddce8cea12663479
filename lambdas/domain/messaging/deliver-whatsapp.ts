import type { Lead } from '../../../schemas/api/leads';
import type { SendWhatsAppBody } from '../../../schemas/api/messaging';
import type { Interaction } from '../../../schemas/api/timeline';
import type { MessageRef } from '../../ports/message-refs';
import type { MessagingPort, SentMessage } from '../../ports/messaging';
import { applyPendingStatuses } from './advance-delivery';
import type { SendWhatsAppDeps } from './deps';
import { markNumberUndeliverable } from './mark-number-undeliverable';
import { InvalidRecipientError } from './messaging-errors';
import { recordOutbound } from './record-outbound';

export type DeliverWhatsAppDeps = Omit<SendWhatsAppDeps, 'consents' | 'scorer' | 'metrics'> &
  Partial<Pick<SendWhatsAppDeps, 'scorer'>>;

export interface WhatsAppDelivery {
  to: string;
  body: SendWhatsAppBody;
  /** The agent's id, or `system` for a follow-up step. */
  createdBy: string;
  /** Added to the timeline entry's metadata (a follow-up step's reference, who drafted it). */
  metadata?: Record<string, unknown>;
  /** Further refs to the message besides its wamid (an Idempotency-Key). */
  extraRefs?: string[];
  /** Told when the channel refused or failed the send itself (before anything was recorded). */
  onSendFailed?: (error: unknown) => Promise<void>;
}

const dispatch = (messaging: MessagingPort, to: string, body: SendWhatsAppBody): Promise<SentMessage> => {
  if (body.template) {
    const { name, language, parameters } = body.template;
    return messaging.sendTemplate({ to, name, language, bodyParameters: parameters });
  }
  if (body.media) {
    const { kind, link, caption, filename } = body.media;
    return messaging.sendMedia({
      to,
      kind,
      link,
      ...(caption !== undefined && { caption }),
      ...(filename !== undefined && { filename }),
    });
  }
  return messaging.sendText({ to, body: body.text ?? '' });
};

/** What the timeline shows for the message: its text, the template and its values, or the caption. */
const summaryOf = (body: SendWhatsAppBody): string => {
  if (body.template) {
    const values = body.template.parameters.join(' · ');
    return `Template ${body.template.name}${values ? `: ${values}` : ''}`;
  }
  if (body.media)
    return (
      body.media.caption ??
      body.media.filename ??
      `Sent ${body.media.kind === 'image' ? 'a photo' : 'a document'}`
    );
  return body.text ?? '';
};

const metadataOf = (body: SendWhatsAppBody): Record<string, unknown> => ({
  channel: 'whatsapp',
  messageType: body.template ? 'template' : (body.media?.kind ?? 'text'),
  ...(body.template && { template: body.template }),
  ...(body.media && { media: body.media }),
});

/**
 * Best effort on purpose: the message went out and is recorded, so the sender must not see a failure (and
 * send again); statuses left kept are applied by the message's next status delivery.
 */
const appliedPendingStatuses = async (sent: MessageRef, deps: DeliverWhatsAppDeps) => {
  try {
    const applied = await applyPendingStatuses(sent, deps);
    return applied > 0 ? await deps.refs.interactionOf(sent) : undefined;
  } catch (error) {
    deps.onPendingStatusError?.(error);
    return undefined;
  }
};

/**
 * Sends one WhatsApp message already cleared to go and records it: the outbound message with its wamid
 * ref and the lead's last interaction in one transaction, then the statuses Meta reported before that
 * write, then a rescore. A number Meta refuses is marked undeliverable on the lead; every channel error
 * is rethrown for the caller to decide (retry, report).
 */
export const deliverWhatsApp = async (
  lead: Lead,
  delivery: WhatsAppDelivery,
  deps: DeliverWhatsAppDeps,
): Promise<Interaction> => {
  let sent: SentMessage;
  try {
    sent = await dispatch(deps.messaging, delivery.to, delivery.body);
  } catch (error) {
    await delivery.onSendFailed?.(error);
    if (error instanceof InvalidRecipientError) await markNumberUndeliverable(lead.leadId, error, deps);
    throw error;
  }

  const now = deps.clock.now();
  const message: Interaction = {
    interactionId: deps.newId(),
    leadId: lead.leadId,
    type: 'whatsapp',
    direction: 'outbound',
    text: summaryOf(delivery.body),
    occurredAt: now.toISOString(),
    createdBy: delivery.createdBy,
    externalId: sent.wamid,
    deliveryStatus: 'accepted',
    metadata: { ...metadataOf(delivery.body), ...delivery.metadata },
  };
  const ref = (externalId: string): MessageRef => ({
    externalId,
    leadId: lead.leadId,
    interactionId: message.interactionId,
    createdAt: now.toISOString(),
  });
  const refs = [ref(sent.wamid), ...(delivery.extraRefs ?? []).map(ref)];

  await recordOutbound(lead, message, refs, deps);
  // Meta may have reported this message's status before the write above landed; those were kept for it.
  const delivered = await appliedPendingStatuses(ref(sent.wamid), deps);
  await deps.scorer?.rescore(lead.leadId, 'message_out', { fast: true });
  return delivered ?? message;
};
