import type { AgentProfile, AgentRole } from '../../../schemas/api/agents';
import { brokerageAccount, changeAccountProfile } from './agent-account';
import type { AgentAdminDeps } from './deps';

/**
 * Makes an agent a brokerage admin, or an admin an agent again. Lead routing reads the profile, so it
 * follows at once (admins take new leads only when the brokerage has no active agent); the token carries
 * the new role from the agent's next sign-in.
 * Flow: find the brokerage's account → change `custom:role` → change the profile's role.
 */
export const changeAgentRole = async (
  email: string,
  role: AgentRole,
  deps: AgentAdminDeps,
): Promise<AgentProfile> => {
  const account = await brokerageAccount(email, deps);
  if (account.role !== role) await deps.directory.setRole(account.email, role);
  return changeAccountProfile({ ...account, role }, { role }, deps);
};
