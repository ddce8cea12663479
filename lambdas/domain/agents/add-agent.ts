import type { AgentProfile, AgentRole } from '../../../schemas/api/agents';
import type { DirectoryUser } from '../../ports/agent-directory';
import { brokerageAccount, normaliseEmail, profileForAccount } from './agent-account';
import { AgentAccountExistsError } from './agent-account-errors';
import type { AgentAdminDeps } from './deps';

export interface NewAgent {
  email: string;
  name: string;
  role: AgentRole;
}

export interface AddedAgent {
  account: DirectoryUser;
  profile: AgentProfile;
  /** False when the account already existed: only a missing profile was written. */
  created: boolean;
}

/**
 * Gives a new agent their account (verified email, the stack's brokerage, their role; the pool emails
 * the invitation) and their profile at once, so the next inbound lead can go to them before they ever
 * sign in.
 * Flow: create the account → write the profile. Run again after a failure part-way, it finds the
 * brokerage's existing account and writes the profile that is missing.
 */
export const addAgent = async (agent: NewAgent, deps: AgentAdminDeps): Promise<AddedAgent> => {
  const email = normaliseEmail(agent.email);
  let account: DirectoryUser;
  let created = true;
  try {
    account = await deps.directory.create({
      email,
      name: agent.name.trim(),
      role: agent.role,
      brokerageId: deps.brokerageId,
    });
  } catch (error) {
    if (!(error instanceof AgentAccountExistsError)) throw error;
    account = await brokerageAccount(email, deps);
    created = false;
  }
  const profile = await profileForAccount(account, deps);
  return { account, profile, created };
};
