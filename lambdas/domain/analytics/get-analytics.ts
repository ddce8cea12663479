import type { Analytics, AnalyticsQuery } from '../../../schemas/api/analytics';
import type { AgentRepository } from '../../ports/agent-repository';
import type { AnalyticsCounters } from '../../ports/analytics-counters';
import type { Clock } from '../../ports/clock';
import { brokerageScope, dayOf } from '../activity/activity-change';
import type { Actor } from '../actor';
import { NotFoundError } from '../errors';
import { reportFrom } from './report-from';

export interface AnalyticsDeps {
  counters: AnalyticsCounters;
  agents: Pick<AgentRepository, 'get'>;
  clock: Clock;
  /** The brokerage's zone: the counters' days are its calendar days. */
  timeZone: string;
}

const DAY_MS = 86_400_000;

/**
 * `GET /leads/analytics`: an agent's own figures, or for an admin the brokerage's (or one agent's),
 * over a range of the brokerage's calendar days (one zone for all, so the agents' days add up to the
 * brokerage's), from the day counters the activity consumer keeps: one Query, no lead read.
 * Flow: whose figures (another agent's id is a 404) → the range → sum the days → the report.
 */
export const getAnalytics = async (
  actor: Actor,
  query: AnalyticsQuery,
  deps: AnalyticsDeps,
): Promise<Analytics> => {
  if (actor.role !== 'admin' && query.agentId && query.agentId !== actor.agentId)
    throw new NotFoundError('Agent');
  const agentId = actor.role === 'admin' ? query.agentId : actor.agentId;
  if (agentId && agentId !== actor.agentId) {
    const profile = await deps.agents.get(agentId);
    if (!profile || profile.brokerageId !== actor.brokerageId) throw new NotFoundError('Agent');
  }
  const to = query.to ?? dayOf(deps.clock.now().toISOString(), deps.timeZone);
  const from = query.from ?? new Date(Date.parse(to) - 29 * DAY_MS).toISOString().slice(0, 10);
  const counts = await deps.counters.sum(agentId ?? brokerageScope(actor.brokerageId), from, to);
  return {
    scope: { brokerageId: actor.brokerageId, ...(agentId && { agentId }) },
    timeZone: deps.timeZone,
    from,
    to,
    ...reportFrom(counts),
  };
};
