import type { ConsentState } from './change-whatsapp-consent';

/** A consent as held or as given: its state and when the person gave it (ISO-8601 UTC). */
export interface DatedConsent {
  state: ConsentState;
  changedAt: string;
}

/**
 * Whether `incoming` replaces `held`: the change the person made last wins, whatever order the channel
 * delivers them in. Meta reports whole seconds, so two changes can share an instant; then the opt-out
 * wins, and the outcome still does not depend on arrival order.
 */
export const supersedes = (held: DatedConsent | undefined, incoming: DatedConsent): boolean => {
  if (held === undefined) return true;
  if (incoming.changedAt !== held.changedAt) return incoming.changedAt > held.changedAt;
  return incoming.state === 'opted_out' && held.state !== 'opted_out';
};
