import type { AgentProfile } from '../../../schemas/api/agents';
import { brokerageAccount, changeAccountProfile } from './agent-account';
import type { AgentAdminDeps } from './deps';

/**
 * Takes an agent out of the brokerage: no new leads from the next one routed, no sign-in (the pool also
 * revokes their access tokens). Their leads stay theirs until reassigned.
 * Flow: find the brokerage's account → mark the profile disabled → disable the account. The profile goes
 * first: a failure between the two leaves an agent who gets no new leads, never one who gets leads and
 * cannot sign in to answer them. Running it again finishes the job.
 */
export const disableAgent = async (email: string, deps: AgentAdminDeps): Promise<AgentProfile> => {
  const account = await brokerageAccount(email, deps);
  const profile = await changeAccountProfile(account, { status: 'disabled' }, deps);
  if (account.enabled) await deps.directory.disable(account.email);
  return profile;
};
