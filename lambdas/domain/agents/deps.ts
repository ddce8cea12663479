import type { AgentDirectory } from '../../ports/agent-directory';
import type { LeadDeps } from '../leads/deps';

/** What administering the brokerage's agents needs: their accounts and their profiles. */
export interface AgentAdminDeps extends Pick<LeadDeps, 'agents' | 'clock' | 'profileDefaults'> {
  directory: AgentDirectory;
  /** The stack's brokerage: every account it creates carries it, every account it changes must. */
  brokerageId: string;
}
