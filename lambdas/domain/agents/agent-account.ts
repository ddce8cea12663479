import type { AgentProfile } from '../../../schemas/api/agents';
import type { DirectoryUser } from '../../ports/agent-directory';
import { StaleVersionError } from '../errors';
import { AgentAccountNotFoundError, ForeignAgentAccountError } from './agent-account-errors';
import type { AgentAdminDeps } from './deps';
import { ensureProfile } from './ensure-profile';

/** Emails are compared as the pool compares them: without case or surrounding spaces. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** The brokerage's account with this email; missing, or carrying another brokerage, is refused. */
export const brokerageAccount = async (
  email: string,
  { directory, brokerageId }: Pick<AgentAdminDeps, 'directory' | 'brokerageId'>,
): Promise<DirectoryUser> => {
  const account = await directory.find(normaliseEmail(email));
  if (!account) throw new AgentAccountNotFoundError(normaliseEmail(email));
  if (account.brokerageId !== brokerageId)
    throw new ForeignAgentAccountError(account.email, account.brokerageId, brokerageId);
  return account;
};

/** The account's profile, written from its attributes when it has none yet (as its first sign-in would). */
export const profileForAccount = (
  account: DirectoryUser,
  deps: Pick<AgentAdminDeps, 'agents' | 'clock' | 'profileDefaults' | 'brokerageId'>,
): Promise<AgentProfile> =>
  ensureProfile(
    {
      agentId: account.agentId,
      brokerageId: deps.brokerageId,
      role: account.role ?? 'agent',
      email: account.email,
      ...(account.name !== undefined && { name: account.name }),
    },
    deps,
  );

const MAX_ATTEMPTS = 3;

/**
 * Sets the brokerage-controlled fields of the account's profile (role, status), keeping whatever the
 * agent changed meanwhile: a write that lost to the agent's own edit is read and applied again.
 */
export const changeAccountProfile = async (
  account: DirectoryUser,
  changes: Partial<Pick<AgentProfile, 'role' | 'status'>>,
  deps: Pick<AgentAdminDeps, 'agents' | 'clock' | 'profileDefaults' | 'brokerageId'>,
): Promise<AgentProfile> => {
  for (let attempt = 1; ; attempt++) {
    const current = await profileForAccount(account, deps);
    const unchanged = (Object.keys(changes) as Array<keyof typeof changes>).every(
      (field) => current[field] === changes[field],
    );
    if (unchanged) return current;
    const next: AgentProfile = {
      ...current,
      ...changes,
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    try {
      await deps.agents.update(current, next);
      return next;
    } catch (error) {
      if (!(error instanceof StaleVersionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
};
