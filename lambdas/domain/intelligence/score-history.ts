import type { ScoreSnapshot } from '../../../schemas/api/scores';
import type { Page, PageRequest } from '../../ports/page';
import type { Actor } from '../actor';
import { loadLeadFor } from '../leads/load-lead';
import type { IntelligenceDeps } from './deps';

/** Every score the lead had, newest first: what the app shows as "why did it change". */
export const scoreHistory = async (
  actor: Actor,
  leadId: string,
  page: PageRequest,
  deps: Pick<IntelligenceDeps, 'leads' | 'scores'>,
): Promise<Page<ScoreSnapshot>> => {
  await loadLeadFor(actor, leadId, deps);
  return deps.scores.history(leadId, page);
};
