import type { CreateLeadBody, Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { Actor } from '../actor';
import { ensureProfile } from '../agents/ensure-profile';
import { consentFor, contactPointsOf } from '../consent/consent-for';
import { withRegisteredConsent } from '../consent/registered-consent';
import { normaliseEmail, normalisePhone } from './contact';
import type { LeadDeps } from './deps';

export interface CreateLeadOptions {
  /** Who owns the lead; defaults to the actor (webhook intake assigns by routing). */
  agentId?: string;
  /** When the inquiry happened, if earlier than now (e.g. a comment's time). */
  occurredAt?: Date;
  /** An id reserved beforehand, so a retried intake creates the same lead. */
  leadId?: string;
  /**
   * An E.164 number the channel itself vouches for (a WhatsApp user's id), kept as given even where the
   * phone library has no metadata for its range yet; replaces `phone` of the body.
   */
  channelPhone?: string;
}

/**
 * Records a new lead for the agent.
 * Flow: normalise phone (agent's country) and email → read the consent the brokerage holds for them (a STOP
 * given before, to another agent or to an erased lead) → build the lead and its first timeline entries
 * → write lead + contact claims + timeline in one transaction (a claimed phone/email is a 409)
 * → score it (a scoring failure leaves the lead unscored, never uncreated).
 */
export const createLead = async (
  actor: Actor,
  input: CreateLeadBody,
  deps: LeadDeps,
  options: CreateLeadOptions = {},
): Promise<{ lead: Lead; interactions: Interaction[] }> => {
  const profile = await ensureProfile(actor, deps);
  const phone =
    options.channelPhone ?? (input.phone ? normalisePhone(input.phone, profile.defaultCountry) : undefined);
  const email = input.email ? normaliseEmail(input.email) : undefined;
  const consent = await consentFor(actor.brokerageId, contactPointsOf({ phone, email }), deps);
  const now = deps.clock.now().toISOString();
  const occurredAt = (options.occurredAt ?? deps.clock.now()).toISOString();

  const lead: Lead = {
    leadId: options.leadId ?? deps.newId(),
    agentId: options.agentId ?? actor.agentId,
    brokerageId: actor.brokerageId,
    name: input.name,
    phone,
    email,
    source: input.source,
    status: 'new',
    temperature: 'warm',
    temperatureSetBy: 'score',
    score: 0,
    tags: [...new Set(input.tags ?? [])],
    initialMessage: input.message,
    propertyInterest: input.propertyInterest,
    profile: input.profile,
    engagement: { likes: 0, shares: 0, comments: 0, replies: 0 },
    consent: withRegisteredConsent(undefined, consent, deps.clock.now()),
    lastInteractionAt: input.message ? occurredAt : undefined,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };

  const interactions: Interaction[] = [
    {
      interactionId: deps.newId(),
      leadId: lead.leadId,
      type: 'system',
      direction: 'internal',
      text: `Lead created from ${input.source.replaceAll('_', ' ')}`,
      occurredAt: now,
      createdBy: actor.agentId,
    },
  ];
  if (input.message) {
    interactions.push({
      interactionId: deps.newId(),
      leadId: lead.leadId,
      type: messageTypeFor(input.source),
      direction: 'inbound',
      text: input.message,
      occurredAt,
    });
  }

  await deps.leads.create(lead, interactions);
  const scored = await deps.scorer?.rescore(lead.leadId, 'created');
  return { lead: scored?.lead ?? lead, interactions };
};

const messageTypeFor = (source: Lead['source']): Interaction['type'] => {
  switch (source) {
    case 'facebook_comment':
      return 'comment';
    case 'whatsapp':
      return 'whatsapp';
    case 'phone_call':
      return 'call';
    default:
      return 'email';
  }
};
