import type { AgentAdminDeps } from '../../../../lambdas/domain/agents/deps';
import { routeNewLead } from '../../../../lambdas/domain/leads/route-new-lead';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { RoutingCursor } from '../../../../lambdas/ports/routing-cursor';
import { DEFAULT_BROKERAGE_ID, FIXTURE_NOW } from '../../../helpers/factories';
import {
  createInMemoryAgentDirectory,
  type InMemoryAgentDirectory,
} from '../../../helpers/in-memory-agent-directory';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

export const BROKERAGE = DEFAULT_BROKERAGE_ID;

/** The admin deps over an in-memory pool and profile store, and who the next inbound leads would go to. */
export const createAgentAdminSetup = (directory: InMemoryAgentDirectory = createInMemoryAgentDirectory()) => {
  const base = createInMemoryDeps(fixedClock(FIXTURE_NOW));
  let position = 0;
  const routing: RoutingCursor = { next: async () => ++position };
  const deps: AgentAdminDeps & { directory: InMemoryAgentDirectory } = {
    agents: base.agents,
    clock: base.clock,
    profileDefaults: base.profileDefaults,
    directory,
    brokerageId: BROKERAGE,
  };
  /** The emails of the agents the next `count` new leads are routed to. */
  const nextLeadsGoTo = async (count: number) => {
    const emails: string[] = [];
    for (let n = 0; n < count; n++)
      emails.push((await routeNewLead(BROKERAGE, { agents: base.agents, routing })).email);
    return emails;
  };
  return { deps, directory, nextLeadsGoTo };
};
