import type { CreateLeadBody, Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { WhatsAppEvent, WhatsAppMessageEvent } from '../../../schemas/events/whatsapp';
import type { LeadEvent } from '../../ports/lead-events';
import type { LeadActivity } from '../../ports/receipts';
import { changeWhatsAppConsent } from '../consent/change-whatsapp-consent';
import { consentAsked } from '../consent/consent-asked';
import { receiveWhatsAppPreference } from '../consent/receive-whatsapp-preference';
import { recordWhatsAppConsent } from '../consent/record-whatsapp-consent';
import type { IntakeDeps } from './deps';
import { followUpNewLead, type NewLeadFollowUp } from './follow-up-new-lead';
import { intakeLead, leadsWithWhatsApp, mostRecentlyActive } from './lead-intake';
import { latestOf, notAfter, retryOnStaleLead, reviseLead } from './lead-revision';
import { isNumberChange, receiveNumberChange } from './receive-whatsapp-number-change';
import { receiveStatus } from './receive-whatsapp-status';
import { rescoreAfterInbound } from './rescore-after-inbound';
import { settleEvent } from './settle-event';
import { sharedContentOf } from './shared-content';
import { requireWebhookBinding } from './webhook-binding';
import { webhookReceipt } from './webhook-receipt';
import { type WhatsAppNumber, whatsAppIntakeKey, whatsAppNumber } from './whatsapp-number';

const INITIAL_MESSAGE_MAX = 4000;

export type WhatsAppEventResult =
  /** Acted on: the message is on the timeline, the consent is recorded. */
  | 'recorded'
  /** A status moved the message forward. */
  | 'updated'
  /** A status or a consent change that arrived late or twice: what is stored is as far or newer. */
  | 'unchanged'
  /** Processed before: nothing written. */
  | 'duplicate'
  /** A status for a message whose send is not recorded (yet): kept a few days, applied when it lands. */
  | 'pending'
  /** A status for a message we did not send (another tool on the same number). */
  | 'unknown_message'
  /** Deliberately not acted on (a system notice other than a number change). */
  | 'skipped'
  /** A number change from a number no lead has. */
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
  /** A new lead's automatic follow-up: enrolled, off for its agent, skipped, or failed (the lead is kept). */
  followUp?: NewLeadFollowUp;
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
 * - message: skip a repeat → find the lead by any form of the sender's number (521…/+52…, the freshest
 *   if several agents have it) or create one for the agent whose turn it is → record the message, the
 *   reply signal, any opt-out or opt-in, and the receipt in one transaction → rescore (built-in rules,
 *   fast) unless a later message of the same burst will → a new lead is enrolled in the follow-up for
 *   its temperature when its agent's profile says so (a failure there keeps the lead and the delivery);
 * - system message (number changed): move the lead to the new number, no reply counted
 *   (receive-whatsapp-number-change);
 * - status: find our message by wamid → move its delivery status forward only (compare-and-set)
 *   → a failure for an undeliverable number marks the lead's number; a status for a send not recorded
 *   yet is kept and applied when it lands (receive-whatsapp-status);
 * - preference (stop/resume): record the consent on the number and on every lead with any form of it
 *   (domain/consent).
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
      if (isNumberChange(event)) return receiveNumberChange(event, deps);
      // Other system notices (e.g. a changed business-scoped id) are not the lead writing.
      if (event.type === 'system') {
        return Promise.resolve({
          kind: 'message',
          result: 'skipped',
          reason: event.system?.type ?? 'system',
        });
      }
      return receiveMessage(event, deps);
    case 'status':
      return receiveStatus(event, deps);
    case 'preference':
      return receiveWhatsAppPreference(event, deps);
    case 'error':
      return Promise.resolve({ kind: 'error', result: 'reported', reason: String(event.error.code) });
  }
};

// ---------------------------------------------------------------------------------------------- messages

const textOf = (event: WhatsAppMessageEvent) => event.text ?? event.reaction?.emoji ?? sharedContentOf(event);

const metadataOf = (event: WhatsAppMessageEvent): Record<string, unknown> => ({
  channel: 'whatsapp',
  messageType: event.type,
  ...(event.media && { media: event.media }),
  ...(event.reply && { reply: event.reply }),
  ...(event.reaction && { reaction: event.reaction }),
  ...(event.referral && { referral: event.referral }),
  ...(event.context && { context: event.context }),
  ...(event.location && { location: event.location }),
  ...(event.sharedContacts && { contacts: event.sharedContacts }),
  ...(event.errors && { errors: event.errors }),
});

// The number itself goes in as the channel's own (see intakeLead), so a range the library lacks still counts.
const newLeadFrom = (event: WhatsAppMessageEvent, { phone, waId }: WhatsAppNumber): CreateLeadBody => ({
  name: (event.profileName?.trim() || phone || `WhatsApp ${waId}`).slice(0, 120),
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
    interactions.push(...consent.interactions);
    events.push(...consent.events);
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
  const number = whatsAppNumber(event.waId);
  const sharing = await leadsWithWhatsApp(number, deps);
  const known = mostRecentlyActive(sharing);
  const { lead, created } = known
    ? { lead: known, created: false }
    : await intakeLead(whatsAppIntakeKey(number), newLeadFrom(event, number), deps, at, {
        ...(number.phone !== undefined && { channelPhone: number.phone }),
      });

  // Consent belongs to the number: the registry and other agents' leads with it change too. Done before the
  // message's own receipt, so a delivery that fails in between completes all of it when Meta retries.
  const asked = consentAsked(event);
  if (asked) {
    const others = sharing.filter((candidate) => candidate.leadId !== lead.leadId);
    const change = { state: asked, at, via: 'message' as const, cause: { wamid: event.wamid } };
    await recordWhatsAppConsent(
      change,
      { phone: number.phone ?? `+${event.waId}`, waId: event.waId },
      others,
      deps,
    );
  }

  let written = lead;
  let attempts = 0;
  const recorded = await retryOnStaleLead(lead, deps.leads, (current) => {
    const activity = inboundActivity(current, event, { created, at, now }, deps);
    written = activity.lead?.next ?? current;
    attempts++;
    return deps.receipts.commit(activity);
  });
  if (recorded === undefined) return { kind, result: 'lead_gone', leadId: lead.leadId };
  if (!recorded) return { kind, result: 'duplicate', leadId: lead.leadId };
  // A new lead's first message, or one that had to wait for other writes, is likely part of a burst.
  await rescoreAfterInbound(written, created ? 'created' : 'message_in', deps, {
    contended: created || attempts > 1,
  });
  // After the score, so the sequence is the one for its temperature; its first answer goes at once.
  const followUp = created ? await followUpNewLead(lead.leadId, deps) : undefined;
  return { kind, result: 'recorded', leadId: lead.leadId, created, ...(followUp && { followUp }) };
};
