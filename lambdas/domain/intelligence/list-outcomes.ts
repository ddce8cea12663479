import type { ScoringOutcomeRecord } from '../../../schemas/api/outcomes';
import type { Page, PageRequest } from '../../ports/page';
import type { Actor } from '../actor';
import { requireBrokerageAdmin } from '../require-brokerage-admin';
import type { IntelligenceDeps } from './deps';

/**
 * `GET /admin/outcomes`: every conversion and loss the brokerage's scoring learned from, oldest first,
 * with who recorded it and how much it counted, so an admin can spot one agent steering the scores.
 * Brokerage admins only.
 */
export const listOutcomes = async (
  actor: Actor,
  page: PageRequest & { recordedBy?: string },
  deps: Pick<IntelligenceDeps, 'scores'>,
): Promise<Page<ScoringOutcomeRecord>> => {
  requireBrokerageAdmin(actor, actor.brokerageId);
  return deps.scores.listOutcomes(actor.brokerageId, page);
};
