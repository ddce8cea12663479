import type { Lead } from '../../../schemas/api/leads';
import type { SendWhatsAppBody } from '../../../schemas/api/messaging';
import type { Interaction } from '../../../schemas/api/timeline';
import type { MessageRef } from '../../ports/message-refs';
import type { MessagingPort, SentMessage } from '../../ports/messaging';
import type { Receipt } from '../../ports/receipts';
import type { Actor } from '../actor';
import { optedOutOfWhatsApp } from '../consent/opted-out-of-whatsapp';
import { ConflictError, NotFoundError, StaleVersionError } from '../errors';
import { loadLeadFor } from '../leads/load-lead';
import { applyPendingStatuses } from './advance-delivery';
import { isWindowOpen } from './customer-service-window';
import type { SendWhatsAppDeps } from './deps';
import { latestOf, retryOnStaleLead, reviseLead } from './lead-revision';
import { markNumberUndeliverable } from './mark-number-undeliverable';
import { ChannelUnavailableError, InvalidRecipientError, WindowClosedError } from './messaging-errors';
import {
  IdempotentRequestInProgressError,
  LeadOptedOutError,
  NoWhatsAppNumberError,
  UndeliverableNumberError,
} from './send-refusals';

export interface SendWhatsAppOptions {
  /** The app's Idempotency-Key: the same key from the same agent within 24 hours sends once. */
  idempotencyKey?: string;
}

const IDEMPOTENCY_WINDOW_SECONDS = 24 * 60 * 60;

/** Where the message goes: the number the agent keeps on the lead, else the WhatsApp id the lead wrote from. */
const recipientOf = (lead: Lead): string | undefined =>
  lead.phone ?? (lead.waId !== undefined ? `+${lead.waId}` : undefined);

/** Refuses a send that must not go out now; the reason is the 422's detail. */
const recipientFor = (lead: Lead, body: SendWhatsAppBody, now: Date): string => {
  const to = recipientOf(lead);
  if (to === undefined) throw new NoWhatsAppNumberError();
  if (lead.phoneStatus === 'invalid') throw new UndeliverableNumberError();
  // Free text and media only inside the 24 hours after the lead last wrote; a template at any time.
  if (!body.template && !isWindowOpen(lead.lastInboundAt ? new Date(lead.lastInboundAt) : undefined, now)) {
    throw new WindowClosedError();
  }
  return to;
};

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

const idempotencyRef = (key: string) => `idem-send:${key}`;

/**
 * The sent message as it stands after the statuses kept for it are applied, or undefined when none were.
 * Best effort on purpose: the message went out and is recorded, so the agent must not see a failure (and
 * send again); statuses left kept are applied by the message's next status delivery.
 */
const appliedPendingStatuses = async (
  sent: MessageRef,
  deps: SendWhatsAppDeps,
): Promise<Interaction | undefined> => {
  try {
    const applied = await applyPendingStatuses(sent, deps);
    return applied > 0 ? await deps.refs.interactionOf(sent) : undefined;
  } catch (error) {
    deps.onPendingStatusError?.(error);
    return undefined;
  }
};

/** The interaction a repeated Idempotency-Key already sent, if it is on record and recent. */
const earlierSend = async (
  key: string,
  lead: Lead,
  deps: SendWhatsAppDeps,
): Promise<Interaction | undefined> => {
  if (!(await deps.receipts.has('idem-send', key))) return undefined;
  const ref = await deps.refs.find(idempotencyRef(key));
  const windowStart = new Date(deps.clock.now().getTime() - IDEMPOTENCY_WINDOW_SECONDS * 1000).toISOString();
  // Refs outlive their receipt; an old one belongs to an earlier use of the same key.
  const sent = ref && ref.createdAt >= windowStart ? await deps.refs.interactionOf(ref) : undefined;
  if (sent === undefined) throw new IdempotentRequestInProgressError();
  if (sent.leadId !== lead.leadId)
    throw new ConflictError('This Idempotency-Key was already used for another lead');
  return sent;
};

/**
 * Sends the lead a WhatsApp message for the agent.
 * Flow: load the lead (404 if not theirs) → a repeated Idempotency-Key answers with the first send
 * → refuse what must not go out (opted out, on the lead or on its number across the brokerage; no or
 * undeliverable number; free text outside the 24-hour window) → send through the channel → record the
 * outbound message with its wamid ref and the lead's last interaction in one transaction → rescore.
 * Meta's refusals keep their meaning: window closed and bad numbers are a 422 (a bad number is marked on
 * the lead), throttling and outages a 503 with Retry-After.
 */
export const sendWhatsApp = async (
  actor: Actor,
  leadId: string,
  body: SendWhatsAppBody,
  { idempotencyKey }: SendWhatsAppOptions,
  deps: SendWhatsAppDeps,
): Promise<Interaction> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  const key = idempotencyKey === undefined ? undefined : `${actor.agentId}:${idempotencyKey}`;
  if (key !== undefined) {
    const earlier = await earlierSend(key, lead, deps);
    if (earlier) return earlier;
  }
  // Asked at send time: the STOP may have reached another agent's lead, or one since erased.
  if (await optedOutOfWhatsApp(lead, deps)) throw new LeadOptedOutError();
  const to = recipientFor(lead, body, deps.clock.now());

  const held: Receipt | undefined =
    key === undefined ? undefined : { scope: 'idem-send', key, ttlSeconds: IDEMPOTENCY_WINDOW_SECONDS };
  if (held && !(await deps.receipts.claim(held))) {
    // Another request with the same key got there first.
    const earlier = await earlierSend(held.key, lead, deps);
    if (earlier) return earlier;
    throw new IdempotentRequestInProgressError();
  }

  let sent: SentMessage;
  try {
    sent = await dispatch(deps.messaging, to, body);
  } catch (error) {
    // Nothing went out, so the key may be used again; a timed-out send may have gone, so it stays taken.
    const mayHaveBeenSent = error instanceof ChannelUnavailableError && error.mayHaveBeenSent;
    if (held && !mayHaveBeenSent) await deps.receipts.release(held.scope, held.key);
    if (error instanceof InvalidRecipientError) await markNumberUndeliverable(lead.leadId, error, deps);
    throw error;
  }

  const now = deps.clock.now();
  const message: Interaction = {
    interactionId: deps.newId(),
    leadId: lead.leadId,
    type: 'whatsapp',
    direction: 'outbound',
    text: summaryOf(body),
    occurredAt: now.toISOString(),
    createdBy: actor.agentId,
    externalId: sent.wamid,
    deliveryStatus: 'accepted',
    metadata: metadataOf(body),
  };
  const ref = (externalId: string): MessageRef => ({
    externalId,
    leadId: lead.leadId,
    interactionId: message.interactionId,
    createdAt: now.toISOString(),
  });
  const refs = [ref(sent.wamid), ...(key !== undefined ? [ref(idempotencyRef(key))] : [])];

  try {
    const written = await retryOnStaleLead(lead, deps.leads, (current) =>
      deps.receipts.commit({
        lead: {
          previous: current,
          next: { ...reviseLead(current, now), lastInteractionAt: latestOf(current.lastInteractionAt, now) },
        },
        interactions: [message],
        refs,
      }),
    );
    if (written === undefined) throw new NotFoundError('Lead');
  } catch (error) {
    if (!(error instanceof StaleVersionError)) throw error;
    // The message went out: keep it on the timeline even if the lead itself stays busy.
    await deps.receipts.commit({ interactions: [message], refs });
  }
  // Meta may have reported this message's status before the write above landed; those were kept for it.
  const delivered = await appliedPendingStatuses(ref(sent.wamid), deps);
  await deps.scorer.rescore(lead.leadId, 'message_out', { fast: true });
  return delivered ?? message;
};
