import type { Lead } from '../../../schemas/api/leads';
import type { ConsentChannel, ConsentRegistry, ContactPoint } from '../../ports/consent-registry';
import type { DatedConsent } from './consent-order';

/** The consent that holds per channel for one person. */
export type EffectiveConsent = Partial<Record<ConsentChannel, DatedConsent>>;

/** Where the lead can be reached: its number, the WhatsApp id it wrote from, its email address. */
export const contactPointsOf = ({
  phone,
  waId,
  email,
}: Pick<Lead, 'phone' | 'waId' | 'email'>): ContactPoint[] => [
  ...(phone !== undefined ? [{ kind: 'phone' as const, value: phone }] : []),
  ...(waId !== undefined ? [{ kind: 'wa_id' as const, value: waId }] : []),
  ...(email !== undefined ? [{ kind: 'email' as const, value: email }] : []),
];

/** An opt-out on any of a person's contact points wins; among equals, the newest. */
const stronger = (a: DatedConsent | undefined, b: DatedConsent): DatedConsent => {
  if (a === undefined) return b;
  if (a.state !== b.state) return a.state === 'opted_out' ? a : b;
  return b.changedAt > a.changedAt ? b : a;
};

/**
 * The consent the brokerage holds for a person reachable at these contact points, per channel. A number
 * and its WhatsApp id are the same person, so an opt-out recorded on either of them holds for both.
 */
export const consentFor = async (
  brokerageId: string,
  points: ContactPoint[],
  deps: { consents: Pick<ConsentRegistry, 'find'> },
): Promise<EffectiveConsent> => {
  if (points.length === 0) return {};
  const records = await deps.consents.find(brokerageId, points);
  const effective: EffectiveConsent = {};
  for (const { channel, state, changedAt } of records) {
    effective[channel] = stronger(effective[channel], { state, changedAt });
  }
  return effective;
};
