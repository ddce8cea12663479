import type { AgentProfile } from '../../../schemas/api/agents';
import type { AgentRepository } from '../../ports/agent-repository';
import type { RoutingCursor } from '../../ports/routing-cursor';
import { UnavailableError } from '../errors';

/** Nobody can take the lead yet; the delivery is retried later rather than dropped. */
export class NoAgentToRouteError extends UnavailableError {
  constructor(readonly brokerageId: string) {
    super(
      `No active agent of brokerage "${brokerageId}" can take new leads: add one with npm run agents -- add`,
      300,
    );
  }
}

/**
 * Picks the agent for a new inbound lead: round-robin over the brokerage's active agents (its active
 * admins only when it has no active agent), in a stable order. A disabled agent leaves the rotation at
 * once. The brokerage's cursor advances atomically, so concurrent deliveries never pick the same turn.
 */
export const routeNewLead = async (
  brokerageId: string,
  { agents, routing }: { agents: AgentRepository; routing: RoutingCursor },
): Promise<AgentProfile> => {
  const everyone = (await agents.listForBrokerage(brokerageId)).filter(
    (profile) => profile.status !== 'disabled',
  );
  const agentsOnly = everyone.filter((profile) => profile.role === 'agent');
  const pool = (agentsOnly.length > 0 ? agentsOnly : everyone).sort((a, b) =>
    a.agentId.localeCompare(b.agentId),
  );
  if (pool.length === 0) throw new NoAgentToRouteError(brokerageId);
  const position = await routing.next(brokerageId);
  return pool[(position - 1) % pool.length]!;
};
