import type { Interaction } from '../../../schemas/api/timeline';
import type { Page, PageRequest } from '../../ports/page';
import type { Actor } from '../actor';
import type { LeadDeps } from '../leads/deps';
import { loadLeadFor } from '../leads/load-lead';

/** Every touchpoint of a lead the actor may see, newest first. */
export const getTimeline = async (
  actor: Actor,
  leadId: string,
  page: PageRequest,
  deps: Pick<LeadDeps, 'leads' | 'interactions'>,
): Promise<Page<Interaction>> => {
  await loadLeadFor(actor, leadId, deps);
  return deps.interactions.listTimeline(leadId, page);
};
