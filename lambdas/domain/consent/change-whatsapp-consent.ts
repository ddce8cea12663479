import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { WhatsAppConsentVia } from '../../ports/consent-registry';
import type { IdGenerator } from '../../ports/ids';
import type { LeadEvent } from '../../ports/lead-events';
import { supersedes } from './consent-order';

export type ConsentState = 'opted_in' | 'opted_out';

export interface ConsentChange {
  lead: Lead;
  /** The timeline entry and the event for the follow-up engine; empty when only the time moved on. */
  interactions: Interaction[];
  events: LeadEvent[];
}

const timelineText: Record<ConsentState, Record<WhatsAppConsentVia, string>> = {
  opted_out: {
    message: 'Asked to stop WhatsApp messages: nothing more is sent there until they opt in again',
    preference: 'Stopped marketing messages in WhatsApp: nothing more is sent there until they resume',
  },
  opted_in: {
    message: 'Asked to receive WhatsApp messages again',
    preference: 'Resumed marketing messages in WhatsApp',
  },
};

/** The lead's WhatsApp consent with the time it was given; older leads only know when we stored it. */
const heldBy = (lead: Lead) => {
  const state = lead.consent?.whatsapp;
  const changedAt = lead.consent?.whatsappChangedAt ?? lead.consent?.updatedAt;
  return state && changedAt ? { state, changedAt } : undefined;
};

/**
 * Sets the lead's WhatsApp consent given at `context.at`, if that is newer than the consent the lead holds
 * (undefined otherwise: a late, older event changes nothing). A new state comes with the timeline entry and
 * the event (for the follow-up engine) that record it; the same state again only moves its time on, so an
 * older opposite change arriving later still loses. `lead` is the draft being written, its version moved on.
 */
export const changeWhatsAppConsent = (
  lead: Lead,
  state: ConsentState,
  context: {
    at: Date;
    now: Date;
    newId: IdGenerator;
    via: WhatsAppConsentVia;
    cause?: Record<string, unknown>;
  },
): ConsentChange | undefined => {
  const at = context.at.toISOString();
  const held = heldBy(lead);
  if (!supersedes(held, { state, changedAt: at })) return undefined;
  const next: Lead = {
    ...lead,
    consent: {
      ...lead.consent,
      whatsapp: state,
      whatsappChangedAt: at,
      updatedAt: context.now.toISOString(),
    },
  };
  if (lead.consent?.whatsapp === state) return { lead: next, interactions: [], events: [] };

  const interaction: Interaction = {
    interactionId: context.newId(),
    leadId: lead.leadId,
    type: 'consent',
    direction: 'inbound',
    text: timelineText[state][context.via],
    occurredAt: at,
    metadata: { channel: 'whatsapp', consent: state, via: context.via, ...context.cause },
  };
  return {
    lead: next,
    interactions: [interaction],
    events: [
      {
        leadId: lead.leadId,
        eventId: context.newId(),
        type: state === 'opted_out' ? 'lead.opted_out' : 'lead.opted_in',
        channel: 'whatsapp',
        occurredAt: at,
        data: { via: context.via, interactionId: interaction.interactionId },
      },
    ],
  };
};
