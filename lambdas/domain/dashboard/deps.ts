import type { AgentRepository } from '../../ports/agent-repository';
import type { Clock } from '../../ports/clock';
import type { DashboardQueries } from '../../ports/dashboard';
import type { LeadRepository } from '../../ports/lead-repository';

/** What the dashboard reads: its Queries, the leads behind tasks and steps, the agent's time zone. */
export interface DashboardDeps {
  dashboard: DashboardQueries;
  leads: Pick<LeadRepository, 'getMany'>;
  agents: Pick<AgentRepository, 'get' | 'listForBrokerage'>;
  clock: Clock;
  /** The brokerage's zone, for an agent who has no profile yet. */
  profileDefaults: { timezone: string };
}

/**
 * Follow-up buckets (and lead buckets until their counters are seeded) are counted up to this many
 * items: a phone shows "100+" past it, and the read stays bounded.
 */
export const COUNT_CAP = 100;
