import type { Actor } from '../actor';
import { type EraseLeadFollowUpsDeps, eraseLeadFollowUps } from '../followups/erase-lead-follow-ups';
import type { LeadDeps } from './deps';
import { loadLeadFor } from './load-lead';

/**
 * Erases a lead with its whole timeline, contact claims and follow-ups (a person's right to be
 * forgotten): its follow-ups are stopped and removed first, so nothing more goes out while the rest
 * is deleted. A lead whose erase failed part-way is found again here, so repeating the call completes it.
 */
export const eraseLead = async (
  actor: Actor,
  leadId: string,
  deps: Pick<LeadDeps, 'leads'> & EraseLeadFollowUpsDeps,
): Promise<void> => {
  const lead = await loadLeadFor(actor, leadId, deps, { includeErasing: true });
  await eraseLeadFollowUps(lead.leadId, deps);
  await deps.leads.erase(lead);
};
