import type { WhatsAppPreferenceEvent } from '../../../schemas/events/whatsapp';
import type { IntakeDeps } from '../messaging/deps';
import { leadsWithWhatsApp, mostRecentlyActive } from '../messaging/lead-intake';
import { notAfter } from '../messaging/lead-revision';
import { whatsAppNumber } from '../messaging/whatsapp-number';
import { recordWhatsAppConsent } from './record-whatsapp-consent';

export interface WhatsAppPreferenceOutcome {
  kind: 'preference';
  /** recorded: the registry or a lead took the change; unchanged: a newer one is held (or this one, again). */
  result: 'recorded' | 'unchanged' | 'no_phone';
  /** The lead the conversation goes to, when the number has one. */
  leadId?: string;
}

/**
 * Acts on WhatsApp's own marketing preference (`user_preferences` stop or resume) for a number.
 * Flow: the number in every form leads may hold it (521…/+52…) → record the consent on the registry and on every lead of the
 * brokerage with it, each only if the preference is newer than what it holds (Meta's timestamp).
 * A number with no lead yet is still recorded: a lead created for it later starts with it.
 */
export const receiveWhatsAppPreference = async (
  event: WhatsAppPreferenceEvent,
  deps: Pick<IntakeDeps, 'brokerageId' | 'consents' | 'leads' | 'receipts' | 'clock' | 'newId'>,
): Promise<WhatsAppPreferenceOutcome> => {
  const kind = 'preference';
  if (event.waId === undefined) return { kind, result: 'no_phone' };
  const number = whatsAppNumber(event.waId);
  const phone = number.phone ?? `+${event.waId}`;
  const leads = await leadsWithWhatsApp(number, deps);

  const { registered, leads: results } = await recordWhatsAppConsent(
    {
      state: event.value === 'stop' ? 'opted_out' : 'opted_in',
      at: notAfter(event.timestamp, deps.clock.now()),
      via: 'preference',
      cause: { category: event.category },
    },
    { phone, waId: event.waId },
    leads,
    deps,
  );
  const result = registered || results.includes('recorded') ? 'recorded' : 'unchanged';
  const lead = mostRecentlyActive(leads);
  return { kind, result, ...(lead && { leadId: lead.leadId }) };
};
