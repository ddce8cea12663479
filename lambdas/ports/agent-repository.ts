import type { AgentProfile } from '../../schemas/api/agents';

export interface AgentRepository {
  get(agentId: string): Promise<AgentProfile | undefined>;
  /** Creates the profile unless one exists; returns whichever is stored. */
  createIfAbsent(profile: AgentProfile): Promise<AgentProfile>;
  /** Replaces the profile if its stored version is still `previous.version`. */
  update(previous: AgentProfile, next: AgentProfile): Promise<void>;
  listForBrokerage(brokerageId: string): Promise<AgentProfile[]>;
}
