import type { AgentRole } from '../../schemas/api/agents';

/** Who is calling, as the authorizer vouched for them. */
export interface Actor {
  agentId: string;
  brokerageId: string;
  role: AgentRole;
  email: string;
  name?: string;
}

/** An agent reaches their own leads; a brokerage admin reaches every lead of the brokerage. */
export const canAccess = (actor: Actor, owner: { agentId: string; brokerageId: string }): boolean =>
  owner.brokerageId === actor.brokerageId && (actor.role === 'admin' || owner.agentId === actor.agentId);
