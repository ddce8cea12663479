import { addAgent } from '../../lambdas/domain/agents/add-agent';
import { changeAgentRole } from '../../lambdas/domain/agents/change-agent-role';
import type { AgentAdminDeps } from '../../lambdas/domain/agents/deps';
import { disableAgent } from '../../lambdas/domain/agents/disable-agent';
import { enableAgent } from '../../lambdas/domain/agents/enable-agent';
import { type AgentListing, type AgentProblem, listAgents } from '../../lambdas/domain/agents/list-agents';
import type { AgentsAction } from './agents-command';

const problemText: Record<AgentProblem, string> = {
  foreign_brokerage:
    "custom:brokerageId is not this stack's and cannot change: their tokens are refused (403); delete the account in the pool and add it again",
  no_profile: 'no profile yet: not routable until `enable <email>` or their first sign-in',
  disabled_account_active_profile: 'account disabled but still routed: run `disable <email>` again',
  no_account: 'profile without an account: cannot sign in; run `disable <email>` or add them again',
};

const row = (agent: AgentListing): string => {
  const account = agent.account
    ? `${agent.account.enabled ? 'enabled' : 'disabled'} ${agent.account.state}`
    : 'no account';
  const cells = [
    agent.email.padEnd(32),
    (agent.role ?? '?').padEnd(6),
    account.padEnd(30),
    agent.routable ? 'gets new leads' : 'no new leads',
  ];
  const problems = agent.problems.map((problem) => `\n    ! ${problemText[problem]}`).join('');
  return `${cells.join(' ')}${problems}`;
};

/** Runs one `npm run agents` action and says what changed, in lines for the terminal. */
export const runAgentsCommand = async (action: AgentsAction, deps: AgentAdminDeps): Promise<string[]> => {
  switch (action.kind) {
    case 'add': {
      const { account, profile, created } = await addAgent(action, deps);
      if (!created)
        return [
          `${account.email} already has an account of brokerage "${deps.brokerageId}"; their profile is in place (role ${profile.role}, ${profile.status}).`,
        ];
      return [
        `Added ${account.email} (${profile.role}) to brokerage "${deps.brokerageId}": they get new leads from now on.`,
        'The invitation with a temporary password is on its way to their email.',
      ];
    }
    case 'list': {
      const agents = await listAgents(deps);
      if (agents.length === 0)
        return [`Brokerage "${deps.brokerageId}" has no agents yet: npm run agents -- add …`];
      return agents.map(row);
    }
    case 'disable': {
      const profile = await disableAgent(action.email, deps);
      return [`Disabled ${profile.email}: no new leads from now on, no sign-in. Their leads stay theirs.`];
    }
    case 'enable': {
      const profile = await enableAgent(action.email, deps);
      return [
        `Enabled ${profile.email} (${profile.role}): they sign in again and get new leads from now on.`,
      ];
    }
    case 'set-role': {
      const profile = await changeAgentRole(action.email, action.role, deps);
      return [
        `${profile.email} is now ${profile.role}: lead routing follows at once, their app from their next sign-in.`,
      ];
    }
  }
};
