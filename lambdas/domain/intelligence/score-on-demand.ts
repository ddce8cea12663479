import type { LeadScore } from '../../../schemas/scoring';
import type { Actor } from '../actor';
import { loadLeadFor } from '../leads/load-lead';
import type { IntelligenceDeps } from './deps';
import { rescoreLead } from './rescore-lead';

/** `POST /leads/{id}/score`: the agent asks for a fresh score now, with the model if one is configured. */
export const scoreOnDemand = async (
  actor: Actor,
  leadId: string,
  deps: IntelligenceDeps,
): Promise<LeadScore> => {
  const lead = await loadLeadFor(actor, leadId, deps);
  return (await rescoreLead(lead, 'on_demand', deps)).score;
};
