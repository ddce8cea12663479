import type { Lead, ListLeadsQuery } from '../../../schemas/api/leads';
import type { Page } from '../../ports/page';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';
import type { LeadDeps } from './deps';

/**
 * An agent's leads (or, for a brokerage admin, everyone's or one agent's), newest or best first.
 * Every path is a Query on an index; filters only narrow a page.
 */
export const listLeads = async (
  actor: Actor,
  { agentId, sort, temperature, status, limit, cursor }: ListLeadsQuery,
  { leads }: Pick<LeadDeps, 'leads'>,
): Promise<Page<Lead>> => {
  if (actor.role === 'admin' && !agentId) {
    return leads.listForBrokerage({
      brokerageId: actor.brokerageId,
      sort,
      temperature,
      status,
      limit,
      cursor,
    });
  }
  // Another agent's id is answered like an unknown one.
  if (actor.role !== 'admin' && agentId && agentId !== actor.agentId) throw new NotFoundError('Agent');
  const owner = agentId ?? actor.agentId;
  const page = await leads.listForAgent({ agentId: owner, sort, temperature, status, limit, cursor });
  return { ...page, items: page.items.filter((lead) => lead.brokerageId === actor.brokerageId) };
};
