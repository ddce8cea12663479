import { createAgentRepository } from '../adapters/dynamodb/agent-repository';
import { createDashboardQueries } from '../adapters/dynamodb/dashboard-queries';
import { createLeadRepository } from '../adapters/dynamodb/lead-repository';
import type { DashboardDeps } from '../domain/dashboard/deps';
import { systemClock } from '../ports/clock';
import { env } from './env';
import { crmService } from './wiring';

let cache: DashboardDeps | undefined;

/** The dashboard's collaborators, built once per container. */
export const dashboardDeps = (): DashboardDeps => {
  if (cache) return cache;
  const crm = crmService();
  cache = {
    dashboard: createDashboardQueries(crm),
    leads: createLeadRepository(crm),
    agents: createAgentRepository(crm),
    clock: systemClock,
    profileDefaults: { timezone: env().DEFAULT_TIMEZONE },
  };
  return cache;
};
