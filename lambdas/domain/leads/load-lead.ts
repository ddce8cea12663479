import type { Lead } from '../../../schemas/api/leads';
import type { Actor } from '../actor';
import { canAccess } from '../actor';
import { NotFoundError } from '../errors';
import type { LeadDeps } from './deps';

/** The lead if the actor may see it; otherwise the same 404 as a missing one. */
export const loadLeadFor = async (
  actor: Actor,
  leadId: string,
  { leads }: Pick<LeadDeps, 'leads'>,
  options?: { includeErasing?: boolean },
): Promise<Lead> => {
  const lead = await leads.get(leadId, options);
  if (!lead || !canAccess(actor, lead)) throw new NotFoundError('Lead');
  return lead;
};
