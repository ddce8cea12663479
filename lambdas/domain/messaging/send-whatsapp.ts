import type { Lead } from '../../../schemas/api/leads';
import type { SendWhatsAppBody } from '../../../schemas/api/messaging';
import type { Interaction } from '../../../schemas/api/timeline';
import type { Receipt } from '../../ports/receipts';
import type { Actor } from '../actor';
import { optedOutOfWhatsApp } from '../consent/opted-out-of-whatsapp';
import { ConflictError } from '../errors';
import { loadLeadFor } from '../leads/load-lead';
import { isWindowOpen } from './customer-service-window';
import { deliverWhatsApp } from './deliver-whatsapp';
import type { SendWhatsAppDeps } from './deps';
import { ChannelUnavailableError, WindowClosedError } from './messaging-errors';
import { sendRefusalReason } from './send-refusal-reason';
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

const idempotencyRef = (key: string) => `idem-send:${key}`;

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
  options: SendWhatsAppOptions,
  deps: SendWhatsAppDeps,
): Promise<Interaction> => {
  try {
    return await attemptSend(actor, leadId, body, options, deps);
  } catch (error) {
    // Counted by reason: a surge of one (opted out, window closed, rate limited) says what to fix.
    const reason = sendRefusalReason(error);
    if (reason) deps.metrics.count('WhatsAppSendRefused', 1, { reason });
    throw error;
  }
};

const attemptSend = async (
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

  // Nothing went out, so the key may be used again; a timed-out send may have gone, so it stays taken.
  const releaseKey = async (error: unknown) => {
    const mayHaveBeenSent = error instanceof ChannelUnavailableError && error.mayHaveBeenSent;
    if (held && !mayHaveBeenSent) await deps.receipts.release(held.scope, held.key);
  };
  return deliverWhatsApp(
    lead,
    {
      to,
      body,
      createdBy: actor.agentId,
      onSendFailed: releaseKey,
      ...(key !== undefined && { extraRefs: [idempotencyRef(key)] }),
    },
    deps,
  );
};
