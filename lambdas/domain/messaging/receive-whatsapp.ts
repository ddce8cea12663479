import type { CreateLeadBody, Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type {
  WhatsAppEvent,
  WhatsAppMessageEvent,
  WhatsAppPreferenceEvent,
  WhatsAppStatusEvent,
} from '../../../schemas/events/whatsapp';
import type { LeadEvent } from '../../ports/lead-events';
import type { MessageRef } from '../../ports/message-refs';
import type { LeadActivity, Receipt } from '../../ports/receipts';
import {
  type ConsentState,
  type ConsentVia,
  changeWhatsAppConsent,
} from '../consent/change-whatsapp-consent';
import { detectOptOut } from '../consent/detect-opt-out';
import { StaleVersionError } from '../errors';
import { canAdvanceStatus } from './delivery-status';
import type { IntakeDeps } from './deps';
import { intakeLead, leadsWithPhone, mostRecentlyActive } from './lead-intake';
import { latestOf, notAfter, retryOnStaleLead, reviseLead } from './lead-revision';
import { markNumberUndeliverable } from './mark-number-undeliverable';
import { InvalidRecipientError, messagingErrorFromMeta } from './messaging-errors';
import { settleEvent } from './settle-event';
import { requireWebhookBinding } from './webhook-binding';
import { webhookReceipt } from './webhook-receipt';

const INITIAL_MESSAGE_MAX = 4000;

export type WhatsAppEventResult =
  /** Acted on: the message is on the timeline, the consent is recorded. */
  | 'recorded'
  /** A status moved the message forward. */
  | 'updated'
  /** A status that arrived late or twice: the message already shows as far or further. */
  | 'unchanged'
  /** Processed before: nothing written. */
  | 'duplicate'
  /** A status for a message we did not send (another tool on the same number). */
  | 'unknown_message'
  | 'unknown_sender'
  /** The sender shared no phone-based id (a username-only contact): nothing to match it to. */
  | 'no_phone'
  /** For another business number of the same WhatsApp account. */
  | 'other_number'
  | 'lead_gone'
  /** A system error Meta reported; kept in the logs only. */
  | 'reported'
  /** The event cannot be acted on as sent (e.g. a number that is not a phone number); retrying won't help. */
  | 'rejected';

export interface WhatsAppOutcome {
  kind: WhatsAppEvent['kind'];
  result: WhatsAppEventResult;
  leadId?: string;
  /** A new lead was created for the sender. */
  created?: boolean;
  /** Why an event was rejected, or Meta's error code for a reported error. */
  reason?: string;
}

export interface WhatsAppDelivery {
  events: WhatsAppEvent[];
  /** The business number this brokerage answers on; events for another number are left alone, and while
   *  it is unset the delivery is refused (503) so Meta redelivers once it is configured. */
  businessPhoneNumberId: string | undefined;
}

/**
 * Acts on the events of one WhatsApp webhook delivery, each at most once however often Meta delivers it.
 * Flow per event:
 * - message: skip a repeat → find the lead by the sender's number (the freshest, if several agents have
 *   it) or create one for the agent whose turn it is → record the message, the reply signal, any opt-out
 *   or opt-in, and the receipt in one transaction → rescore (built-in rules, fast);
 * - status: find our message by wamid → move its delivery status forward only (compare-and-set)
 *   → a failure for an undeliverable number marks the lead's number;
 * - preference (stop/resume): record the consent on every lead with that number.
 * An event that cannot be acted on is reported in the outcome; a failure of storage is thrown, so Meta
 * delivers again and the receipts make the repeat harmless.
 */
export const receiveWhatsApp = async (
  { events, businessPhoneNumberId }: WhatsAppDelivery,
  deps: IntakeDeps,
): Promise<WhatsAppOutcome[]> => {
  const ownNumber = requireWebhookBinding('whatsapp', businessPhoneNumberId, deps);
  const outcomes: WhatsAppOutcome[] = [];
  for (const event of events) {
    if (event.phoneNumberId !== ownNumber) {
      outcomes.push({ kind: event.kind, result: 'other_number' });
      continue;
    }
    outcomes.push(await settleEvent(event.kind, () => receiveEvent(event, deps)));
  }
  return outcomes;
};

const receiveEvent = (event: WhatsAppEvent, deps: IntakeDeps): Promise<WhatsAppOutcome> => {
  switch (event.kind) {
    case 'message':
      return receiveMessage(event, deps);
    case 'status':
      return receiveStatus(event, deps);
    case 'preference':
      return receivePreference(event, deps);
    case 'error':
      return Promise.resolve({ kind: 'error', result: 'reported', reason: String(event.error.code) });
  }
};

const phoneOf = (waId: string) => `+${waId}`;

// ---------------------------------------------------------------------------------------------- messages

/** Only what the person typed or tapped can withdraw or give consent; a photo caption cannot. */
const consentAsked = (event: WhatsAppMessageEvent): ConsentState | undefined => {
  if (event.text === undefined || !['text', 'button', 'interactive'].includes(event.type)) return undefined;
  const signal = detectOptOut(event.text);
  if (signal === 'opt_out') return 'opted_out';
  if (signal === 'opt_in') return 'opted_in';
  return undefined;
};

const textOf = (event: WhatsAppMessageEvent) => event.text ?? event.reaction?.emoji;

const metadataOf = (event: WhatsAppMessageEvent): Record<string, unknown> => ({
  channel: 'whatsapp',
  messageType: event.type,
  ...(event.media && { media: event.media }),
  ...(event.reply && { reply: event.reply }),
  ...(event.reaction && { reaction: event.reaction }),
  ...(event.referral && { referral: event.referral }),
  ...(event.context && { context: event.context }),
  ...(event.errors && { errors: event.errors }),
});

const newLeadFrom = (event: WhatsAppMessageEvent, phone: string): CreateLeadBody => ({
  name: (event.profileName?.trim() || phone).slice(0, 120),
  phone,
  source: 'whatsapp',
  // Click-to-WhatsApp ads: the ad itself is kept on the message (metadata.referral).
  tags: event.referral ? ['ctwa-ad'] : [],
});

interface MessageContext {
  created: boolean;
  /** When the lead wrote, as Meta reports it (never in the future). */
  at: Date;
  now: Date;
}

/** Everything one inbound message changes on its lead, with the message's receipt. */
const inboundActivity = (
  lead: Lead,
  event: WhatsAppMessageEvent,
  { created, at, now }: MessageContext,
  deps: Pick<IntakeDeps, 'newId'>,
): LeadActivity => {
  const text = textOf(event);
  const message: Interaction = {
    interactionId: deps.newId(),
    leadId: lead.leadId,
    type: 'whatsapp',
    direction: 'inbound',
    ...(text !== undefined && { text }),
    occurredAt: at.toISOString(),
    externalId: event.wamid,
    metadata: metadataOf(event),
  };
  let next: Lead = {
    ...reviseLead(lead, now),
    // The lead wrote: WhatsApp's 24-hour window opens again from this message.
    lastInboundAt: latestOf(lead.lastInboundAt, at),
    lastInteractionAt: latestOf(lead.lastInteractionAt, at),
    ...(event.waId !== undefined && { waId: event.waId }),
    ...(lead.initialMessage === undefined &&
      text !== undefined && { initialMessage: text.slice(0, INITIAL_MESSAGE_MAX) }),
    // They reached us on WhatsApp, so the number works after all.
    ...(lead.phoneStatus === 'invalid' && { phoneStatus: 'ok' as const }),
  };
  const interactions = [message];
  const events: LeadEvent[] = [];
  if (!created) {
    next = { ...next, engagement: { ...next.engagement, replies: next.engagement.replies + 1 } };
    // What the follow-up engine listens for: a reply stops the lead's sequence.
    events.push({
      leadId: lead.leadId,
      eventId: deps.newId(),
      type: 'lead.replied',
      channel: 'whatsapp',
      occurredAt: at.toISOString(),
      data: { interactionId: message.interactionId, wamid: event.wamid },
    });
  }
  const asked = consentAsked(event);
  const consent =
    asked &&
    changeWhatsAppConsent(next, asked, {
      at,
      now,
      newId: deps.newId,
      via: 'message',
      cause: { wamid: event.wamid },
    });
  if (consent) {
    next = consent.lead;
    interactions.push(consent.interaction);
    events.push(consent.event);
  }
  return {
    receipt: webhookReceipt('wa-message', event.wamid),
    lead: { previous: lead, next },
    interactions,
    events,
  };
};

const receiveMessage = async (event: WhatsAppMessageEvent, deps: IntakeDeps): Promise<WhatsAppOutcome> => {
  const kind = 'message';
  if (await deps.receipts.has('wa-message', event.wamid)) return { kind, result: 'duplicate' };
  if (event.waId === undefined) return { kind, result: 'no_phone' };

  const now = deps.clock.now();
  const at = notAfter(event.timestamp, now);
  const phone = phoneOf(event.waId);
  const sharing = await leadsWithPhone(phone, deps);
  const known = mostRecentlyActive(sharing);
  const { lead, created } = known
    ? { lead: known, created: false }
    : await intakeLead(`wa-phone:${phone}`, newLeadFrom(event, phone), deps, at);

  // Consent belongs to the number: other agents' leads with it change too. Done before the message's
  // own receipt, so a delivery that fails in between completes all of it when Meta retries.
  const asked = consentAsked(event);
  if (asked) {
    for (const other of sharing.filter((candidate) => candidate.leadId !== lead.leadId)) {
      await recordConsentOnce(
        other,
        asked,
        webhookReceipt('wa-consent', `${event.wamid}:${other.leadId}`),
        deps,
        {
          at,
          via: 'message',
          cause: { wamid: event.wamid },
        },
      );
    }
  }

  const recorded = await retryOnStaleLead(lead, deps.leads, (current) =>
    deps.receipts.commit(inboundActivity(current, event, { created, at, now }, deps)),
  );
  if (recorded === undefined) return { kind, result: 'lead_gone', leadId: lead.leadId };
  if (!recorded) return { kind, result: 'duplicate', leadId: lead.leadId };
  await deps.scorer.rescore(lead.leadId, created ? 'created' : 'message_in', { fast: true });
  return { kind, result: 'recorded', leadId: lead.leadId, created };
};

// ---------------------------------------------------------------------------------------------- consent

type ConsentResult = 'recorded' | 'unchanged' | 'duplicate' | 'lead_gone';

/** Sets one lead's WhatsApp consent under its own receipt: once, however often the cause is delivered. */
const recordConsentOnce = async (
  lead: Lead,
  state: ConsentState,
  held: Receipt,
  deps: IntakeDeps,
  context: { at: Date; via: ConsentVia; cause?: Record<string, unknown> },
): Promise<ConsentResult> => {
  if (await deps.receipts.has(held.scope, held.key)) return 'duplicate';
  const result = await retryOnStaleLead(lead, deps.leads, async (current): Promise<ConsentResult> => {
    const now = deps.clock.now();
    const change = changeWhatsAppConsent(reviseLead(current, now), state, {
      ...context,
      now,
      newId: deps.newId,
    });
    if (!change) return (await deps.receipts.claim(held)) ? 'unchanged' : 'duplicate';
    const written = await deps.receipts.commit({
      receipt: held,
      lead: { previous: current, next: change.lead },
      interactions: [change.interaction],
      events: [change.event],
    });
    return written ? 'recorded' : 'duplicate';
  });
  return result ?? 'lead_gone';
};

const receivePreference = async (
  event: WhatsAppPreferenceEvent,
  deps: IntakeDeps,
): Promise<WhatsAppOutcome> => {
  const kind = 'preference';
  if (event.waId === undefined) return { kind, result: 'no_phone' };
  const leads = await leadsWithPhone(phoneOf(event.waId), deps);
  if (leads.length === 0) return { kind, result: 'unknown_sender' };

  const state: ConsentState = event.value === 'stop' ? 'opted_out' : 'opted_in';
  const at = notAfter(event.timestamp, deps.clock.now());
  const key = `${event.waId}:${event.value}:${event.timestamp.getTime()}`;
  const results: ConsentResult[] = [];
  for (const lead of leads) {
    results.push(
      await recordConsentOnce(lead, state, webhookReceipt('wa-preference', `${key}:${lead.leadId}`), deps, {
        at,
        via: 'preference',
        cause: { category: event.category },
      }),
    );
  }
  const result = results.includes('recorded')
    ? 'recorded'
    : results.every((r) => r === 'duplicate')
      ? 'duplicate'
      : 'unchanged';
  return { kind, result, leadId: mostRecentlyActive(leads)?.leadId };
};

// ---------------------------------------------------------------------------------------------- statuses

const MAX_STATUS_ATTEMPTS = 5;

/** Moves the message's delivery status forward only; resolves the status it ends with. */
const advanceDelivery = async (
  ref: MessageRef,
  event: WhatsAppStatusEvent,
  deps: IntakeDeps,
): Promise<{
  result: 'updated' | 'unchanged' | 'unknown_message';
  status?: Interaction['deliveryStatus'];
}> => {
  for (let attempt = 1; attempt <= MAX_STATUS_ATTEMPTS; attempt++) {
    const message = await deps.refs.interactionOf(ref);
    if (!message) return { result: 'unknown_message' };
    if (!canAdvanceStatus(message.deliveryStatus, event.status)) {
      return { result: 'unchanged', status: message.deliveryStatus };
    }
    const previous = message.metadata ?? {};
    const times = (previous.statusTimes ?? {}) as Record<string, string>;
    const error = event.errors?.[0];
    const metadata = {
      ...previous,
      statusTimes: { ...times, [event.status]: event.timestamp.toISOString() },
      ...(event.status === 'failed' && error && { error }),
    };
    // Compare-and-set: a concurrent delivery that moved the status first sends us round again.
    if (
      await deps.refs.changeDelivery(ref, message.deliveryStatus, { deliveryStatus: event.status, metadata })
    ) {
      return { result: 'updated', status: event.status };
    }
  }
  throw new StaleVersionError();
};

/** The error of a failed status that says the number cannot get WhatsApp messages (131026 and kin). */
const undeliverableNumberError = (event: WhatsAppStatusEvent) =>
  event.status === 'failed'
    ? event.errors?.find((error) => messagingErrorFromMeta(error) instanceof InvalidRecipientError)
    : undefined;

const receiveStatus = async (event: WhatsAppStatusEvent, deps: IntakeDeps): Promise<WhatsAppOutcome> => {
  const kind = 'status';
  const key = `${event.wamid}:${event.status}`;
  if (await deps.receipts.has('wa-status', key)) return { kind, result: 'duplicate' };
  const ref = await deps.refs.find(event.wamid);
  // No receipt: if our send is still being recorded, a repeat of this status can still land.
  if (!ref) return { kind, result: 'unknown_message' };

  const { result, status } = await advanceDelivery(ref, event, deps);
  if (result === 'unknown_message') return { kind, result, leadId: ref.leadId };
  // Checked on the stored state, not on this update alone, so a retry after a failure in between completes it.
  const undeliverable = undeliverableNumberError(event);
  if (status === 'failed' && undeliverable) await markNumberUndeliverable(ref.leadId, undeliverable, deps);
  await deps.receipts.claim(webhookReceipt('wa-status', key));
  return { kind, result, leadId: ref.leadId };
};
