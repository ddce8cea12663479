import type { Actor } from '../actor';
import type { LeadDeps } from './deps';
import { loadLeadFor } from './load-lead';

/**
 * Erases a lead with its whole timeline and contact claims (a person's right to be forgotten).
 * A lead whose erase failed part-way is found again here, so repeating the call completes it.
 */
export const eraseLead = async (
  actor: Actor,
  leadId: string,
  deps: Pick<LeadDeps, 'leads'>,
): Promise<void> => {
  const lead = await loadLeadFor(actor, leadId, deps, { includeErasing: true });
  await deps.leads.erase(lead);
};
