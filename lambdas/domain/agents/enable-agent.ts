import type { AgentProfile } from '../../../schemas/api/agents';
import { brokerageAccount, changeAccountProfile } from './agent-account';
import type { AgentAdminDeps } from './deps';

/**
 * Brings a disabled agent back: they sign in again and are in the lead rotation from the next lead.
 * Also writes the profile of an account that has none yet (made before profiles were written at once).
 * Flow: find the brokerage's account → enable the account → mark the profile active. The account goes
 * first, so no lead is routed to someone who cannot yet sign in.
 */
export const enableAgent = async (email: string, deps: AgentAdminDeps): Promise<AgentProfile> => {
  const account = await brokerageAccount(email, deps);
  if (!account.enabled) await deps.directory.enable(account.email);
  return changeAccountProfile({ ...account, enabled: true }, { status: 'active' }, deps);
};
