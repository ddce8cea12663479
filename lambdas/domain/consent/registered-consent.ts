import type { Consent } from '../../../schemas/api/leads';
import type { EffectiveConsent } from './consent-for';

/**
 * The lead's consent with what the registry holds for its contact points: a channel the registry knows
 * takes the registry's state and time; a channel it does not know keeps the lead's own.
 */
export const withRegisteredConsent = (
  consent: Consent | undefined,
  effective: EffectiveConsent,
  now: Date,
): Consent | undefined => {
  const { whatsapp, email } = effective;
  if (whatsapp === undefined && email === undefined) return consent;
  return {
    ...consent,
    ...(whatsapp && { whatsapp: whatsapp.state, whatsappChangedAt: whatsapp.changedAt }),
    ...(email && { email: email.state, emailChangedAt: email.changedAt }),
    updatedAt: now.toISOString(),
  };
};
