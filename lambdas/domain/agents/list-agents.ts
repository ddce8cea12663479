import type { AgentProfile, AgentRole, AgentStatus } from '../../../schemas/api/agents';
import type { DirectoryUser } from '../../ports/agent-directory';
import type { AgentAdminDeps } from './deps';

/** Why an account or profile is not what the brokerage would expect, in the words of the fix. */
export type AgentProblem =
  | 'foreign_brokerage'
  | 'no_profile'
  | 'disabled_account_active_profile'
  | 'no_account';

export interface AgentListing {
  email: string;
  name?: string;
  role?: AgentRole;
  /** The pool's account state; undefined for a profile with no account. */
  account?: { enabled: boolean; state: string; brokerageId?: string };
  profileStatus?: AgentStatus;
  /** True when lead routing counts them, as it reads the profile (admins only while no agent is routable). */
  routable: boolean;
  problems: AgentProblem[];
}

const problemsOf = (account: DirectoryUser, profile: AgentProfile | undefined, brokerageId: string) => {
  const problems: AgentProblem[] = [];
  if (account.brokerageId !== brokerageId) problems.push('foreign_brokerage');
  else if (!profile) problems.push('no_profile');
  else if (!account.enabled && profile.status === 'active') problems.push('disabled_account_active_profile');
  return problems;
};

/**
 * Every account of the pool beside its profile, so an operator sees at a glance who takes new leads and
 * what is off: an account of another brokerage (its tokens are refused), an account with no profile yet,
 * a profile left without its account.
 */
export const listAgents = async ({
  directory,
  agents,
  brokerageId,
}: Pick<AgentAdminDeps, 'directory' | 'agents' | 'brokerageId'>): Promise<AgentListing[]> => {
  const [accounts, profiles] = await Promise.all([directory.list(), agents.listForBrokerage(brokerageId)]);
  const byId = new Map(profiles.map((profile) => [profile.agentId, profile]));
  const listed: AgentListing[] = accounts.map((account) => {
    const profile = byId.get(account.agentId);
    byId.delete(account.agentId);
    const problems = problemsOf(account, profile, brokerageId);
    return {
      email: account.email,
      name: account.name ?? profile?.name,
      role: profile?.role ?? account.role,
      account: {
        enabled: account.enabled,
        state: account.state,
        ...(account.brokerageId !== undefined && { brokerageId: account.brokerageId }),
      },
      ...(profile && { profileStatus: profile.status }),
      routable: profile?.status === 'active',
      problems,
    };
  });
  const orphans: AgentListing[] = [...byId.values()].map((profile) => ({
    email: profile.email,
    name: profile.name,
    role: profile.role,
    profileStatus: profile.status,
    routable: profile.status === 'active',
    problems: ['no_account'],
  }));
  return [...listed, ...orphans].sort((a, b) => a.email.localeCompare(b.email));
};
