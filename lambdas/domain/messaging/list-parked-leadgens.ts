import type { ParkedLead, ParkedLeadgenStore } from '../../ports/parked-leadgens';
import type { Actor } from '../actor';
import { requireBrokerageAdmin } from '../require-brokerage-admin';

/** The brokerage's parked lead forms, oldest first: ids and Meta's reason only. Brokerage admins only. */
export const listParkedLeadgens = async (
  actor: Actor,
  deps: { parked: ParkedLeadgenStore; brokerageId: string },
): Promise<{ items: ParkedLead[] }> => {
  requireBrokerageAdmin(actor, deps.brokerageId);
  return { items: await deps.parked.list(deps.brokerageId) };
};
