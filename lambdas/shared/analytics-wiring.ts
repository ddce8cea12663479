import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createAnalyticsCounters } from '../adapters/dynamodb/analytics-counters';
import { createChangeFeed } from '../adapters/dynamodb/change-feed';
import type { AnalyticsDeps } from '../domain/analytics/get-analytics';
import type { SyncDeps } from '../domain/sync/sync-changes';
import { systemClock } from '../ports/clock';
import { env } from './env';
import { crmService } from './wiring';

/** `GET /leads/analytics`: the day counters and agents' profiles (whose brokerage an agent id is in). */
export const analyticsDeps = (): AnalyticsDeps => {
  const crm = crmService();
  return {
    counters: createAnalyticsCounters(crm),
    agents: createAgentRepository(crm),
    clock: systemClock,
    timeZone: env().DEFAULT_TIMEZONE,
  };
};

/** `GET /sync`: the agent's change feed and the items it names. */
export const syncDeps = (): SyncDeps => ({ feed: createChangeFeed(crmService()) });
