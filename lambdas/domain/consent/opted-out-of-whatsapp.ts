import type { Lead } from '../../../schemas/api/leads';
import type { ConsentRegistry } from '../../ports/consent-registry';
import { consentFor, contactPointsOf } from './consent-for';

/**
 * The send-time check: true when the person behind the lead withdrew WhatsApp consent, as the lead shows it
 * or as the registry holds it for any of the lead's contact points (another agent's lead may have heard the
 * STOP, or an erased one).
 */
export const optedOutOfWhatsApp = async (
  lead: Lead,
  deps: { consents: Pick<ConsentRegistry, 'find'> },
): Promise<boolean> => {
  if (lead.consent?.whatsapp === 'opted_out') return true;
  const { whatsapp } = await consentFor(lead.brokerageId, contactPointsOf(lead), deps);
  return whatsapp?.state === 'opted_out';
};
