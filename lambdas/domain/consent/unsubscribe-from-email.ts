import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { Clock } from '../../ports/clock';
import type { ConsentRegistry } from '../../ports/consent-registry';
import type { IdGenerator } from '../../ports/ids';
import type { LeadRepository } from '../../ports/lead-repository';
import type { ReceiptStore } from '../../ports/receipts';
import type { UnsubscribeTarget, UnsubscribeTokens } from '../../ports/unsubscribe-tokens';
import { NotFoundError } from '../errors';
import { retryOnStaleLead, reviseLead } from '../messaging/lead-revision';

export interface UnsubscribeDeps {
  tokens: Pick<UnsubscribeTokens, 'find'>;
  consents: Pick<ConsentRegistry, 'recordByHash' | 'hashOf'>;
  leads: Pick<LeadRepository, 'get'>;
  receipts: Pick<ReceiptStore, 'commit'>;
  clock: Clock;
  newId: IdGenerator;
}

export interface Unsubscribed {
  /** Leads newly marked opted out of email (none when the address had unsubscribed before). */
  leadIds: string[];
}

/** The unsubscribe link's target; NotFoundError for a token that was never issued. */
export const findUnsubscribe = async (
  token: string,
  deps: Pick<UnsubscribeDeps, 'tokens'>,
): Promise<UnsubscribeTarget> => {
  const target = await deps.tokens.find(token);
  if (!target) throw new NotFoundError('This unsubscribe link');
  return target;
};

/** The lead opted out of email from `at`, with its timeline entry and the event the follow-up engine stops on. */
const optOut = (lead: Lead, at: Date, deps: Pick<UnsubscribeDeps, 'newId'>) => {
  const interaction: Interaction = {
    interactionId: deps.newId(),
    leadId: lead.leadId,
    type: 'consent',
    direction: 'inbound',
    text: 'Unsubscribed from email with the link in an email: nothing more is sent there',
    occurredAt: at.toISOString(),
    metadata: { channel: 'email', consent: 'opted_out', via: 'unsubscribe_link' },
  };
  const next: Lead = {
    ...reviseLead(lead, at),
    consent: {
      ...lead.consent,
      email: 'opted_out',
      emailChangedAt: at.toISOString(),
      updatedAt: at.toISOString(),
    },
  };
  return {
    lead: { previous: lead, next },
    interactions: [interaction],
    events: [
      {
        leadId: lead.leadId,
        eventId: deps.newId(),
        type: 'lead.opted_out' as const,
        channel: 'email',
        occurredAt: at.toISOString(),
        data: { via: 'unsubscribe_link', interactionId: interaction.interactionId },
      },
    ],
  };
};

/**
 * One-click unsubscribe (RFC 8058): withdraws email consent for the link's address across the brokerage.
 * Flow: token → the registry records the opt-out under the address's hash (so leads created later start
 * opted out) → each lead that held the address and still does is marked opted out of email, with a
 * `lead.opted_out` event on channel email, in one transaction per lead. A repeat finds every lead already
 * opted out and changes nothing.
 */
export const unsubscribeFromEmail = async (token: string, deps: UnsubscribeDeps): Promise<Unsubscribed> => {
  const target = await findUnsubscribe(token, deps);
  const now = deps.clock.now();
  await deps.consents.recordByHash(target.brokerageId, target.contactHash, {
    channel: 'email',
    state: 'opted_out',
    changedAt: now.toISOString(),
    via: 'unsubscribe_link',
    recordedAt: now.toISOString(),
  });

  const leadIds: string[] = [];
  for (const leadId of target.leadIds) {
    const lead = await deps.leads.get(leadId);
    // Erased, or the address changed since the link was made: not this address's lead any more.
    if (!lead?.email || deps.consents.hashOf({ kind: 'email', value: lead.email }) !== target.contactHash)
      continue;
    const changed = await retryOnStaleLead(lead, deps.leads, async (current) => {
      if (current.consent?.email === 'opted_out') return false;
      await deps.receipts.commit(optOut(current, deps.clock.now(), deps));
      return true;
    });
    if (changed) leadIds.push(leadId);
  }
  return { leadIds };
};
