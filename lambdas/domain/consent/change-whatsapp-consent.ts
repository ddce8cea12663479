import type { Lead } from '../../../schemas/api/leads';
import type { Interaction } from '../../../schemas/api/timeline';
import type { IdGenerator } from '../../ports/ids';
import type { LeadEvent } from '../../ports/lead-events';

export type ConsentState = 'opted_in' | 'opted_out';

/** How the lead told us: by writing (STOP, "ابدأ") or through WhatsApp's own marketing preferences. */
export type ConsentVia = 'message' | 'preference';

export interface ConsentChange {
  lead: Lead;
  interaction: Interaction;
  event: LeadEvent;
}

const timelineText: Record<ConsentState, Record<ConsentVia, string>> = {
  opted_out: {
    message: 'Asked to stop WhatsApp messages: nothing more is sent there until they opt in again',
    preference: 'Stopped marketing messages in WhatsApp: nothing more is sent there until they resume',
  },
  opted_in: {
    message: 'Asked to receive WhatsApp messages again',
    preference: 'Resumed marketing messages in WhatsApp',
  },
};

/**
 * Sets the lead's WhatsApp consent, with the timeline entry and the event (for the follow-up engine)
 * that record the change; undefined when the lead's consent already is `state`.
 * `lead` is the draft being written, its version already moved on.
 */
export const changeWhatsAppConsent = (
  lead: Lead,
  state: ConsentState,
  context: { at: Date; now: Date; newId: IdGenerator; via: ConsentVia; cause?: Record<string, unknown> },
): ConsentChange | undefined => {
  if (lead.consent?.whatsapp === state) return undefined;
  const at = context.at.toISOString();
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
    lead: { ...lead, consent: { ...lead.consent, whatsapp: state, updatedAt: context.now.toISOString() } },
    interaction,
    event: {
      leadId: lead.leadId,
      eventId: context.newId(),
      type: state === 'opted_out' ? 'lead.opted_out' : 'lead.opted_in',
      channel: 'whatsapp',
      occurredAt: at,
      data: { via: context.via, interactionId: interaction.interactionId },
    },
  };
};
