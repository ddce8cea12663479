import type { Lead } from '../../../schemas/api/leads';
import type { ConsentRecord, ContactPoint, WhatsAppConsentVia } from '../../ports/consent-registry';
import type { IntakeDeps } from '../messaging/deps';
import { retryOnStaleLead, reviseLead } from '../messaging/lead-revision';
import { type ConsentState, changeWhatsAppConsent } from './change-whatsapp-consent';

/** A change of WhatsApp consent the person made. */
export interface WhatsAppConsentChange {
  state: ConsentState;
  /** When they made it, as Meta reports it (never in the future): what orders changes delivered out of order. */
  at: Date;
  via: WhatsAppConsentVia;
  /** What caused it, kept on the timeline entry (the wamid, the preference's category). */
  cause?: Record<string, unknown>;
}

/** Who made it: the number as leads hold it, and WhatsApp's id for it. */
export interface WhatsAppSender {
  phone: string;
  waId: string;
}

export type LeadConsentResult = 'recorded' | 'unchanged' | 'lead_gone';

export interface RecordedWhatsAppConsent {
  /** The registry took the change (false: it holds a newer one, or this one already). */
  registered: boolean;
  leads: LeadConsentResult[];
}

type Deps = Pick<IntakeDeps, 'brokerageId' | 'consents' | 'leads' | 'receipts' | 'clock' | 'newId'>;

/** Sets one lead's consent if the change is newer than the lead's own, with its timeline entry and event. */
const applyToLead = async (
  lead: Lead,
  change: WhatsAppConsentChange,
  deps: Deps,
): Promise<LeadConsentResult> => {
  const result = await retryOnStaleLead(lead, deps.leads, async (current): Promise<LeadConsentResult> => {
    const now = deps.clock.now();
    const applied = changeWhatsAppConsent(reviseLead(current, now), change.state, {
      ...change,
      now,
      newId: deps.newId,
    });
    if (!applied) return 'unchanged';
    await deps.receipts.commit({
      lead: { previous: current, next: applied.lead },
      interactions: applied.interactions,
      events: applied.events,
    });
    return applied.events.length > 0 ? 'recorded' : 'unchanged';
  });
  return result ?? 'lead_gone';
};

/**
 * Records a change of WhatsApp consent for the number, across the brokerage.
 * Flow: the registry, under the number and under the WhatsApp id (the newest change wins there, so leads
 * created later start with it) → each given lead with the number, where the change is newer than the lead's.
 * A repeated delivery is no newer than what it left behind, so repeating it completes a failed one and
 * otherwise changes nothing.
 */
export const recordWhatsAppConsent = async (
  change: WhatsAppConsentChange,
  sender: WhatsAppSender,
  leads: Lead[],
  deps: Deps,
): Promise<RecordedWhatsAppConsent> => {
  const record: ConsentRecord = {
    channel: 'whatsapp',
    state: change.state,
    changedAt: change.at.toISOString(),
    via: change.via,
    recordedAt: deps.clock.now().toISOString(),
  };
  const points: ContactPoint[] = [
    { kind: 'phone', value: sender.phone },
    { kind: 'wa_id', value: sender.waId },
  ];
  const registered = await Promise.all(
    points.map((point) => deps.consents.record(deps.brokerageId, point, record)),
  );
  const results: LeadConsentResult[] = [];
  for (const lead of leads) results.push(await applyToLead(lead, change, deps));
  return { registered: registered.some(Boolean), leads: results };
};
