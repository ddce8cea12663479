import type { ParkedLeadRetry } from '../../../schemas/api/parked-leads';
import type { Actor } from '../actor';
import { requireBrokerageAdmin } from '../require-brokerage-admin';
import type { FacebookIntakeDeps } from './deps';
import { retryParkedLeadgens } from './retry-parked-leadgens';

/** An admin's "retry now" (say, right after pasting a new page token): the scheduled retry, on demand. */
export const retryParkedLeadgensAs = (actor: Actor, deps: FacebookIntakeDeps): Promise<ParkedLeadRetry> => {
  requireBrokerageAdmin(actor, deps.brokerageId);
  return retryParkedLeadgens(deps);
};
