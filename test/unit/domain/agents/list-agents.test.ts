import { describe, expect, it } from 'vitest';
import { addAgent } from '../../../../lambdas/domain/agents/add-agent';
import { disableAgent } from '../../../../lambdas/domain/agents/disable-agent';
import { listAgents } from '../../../../lambdas/domain/agents/list-agents';
import { createAgentAdminSetup } from './agent-admin-setup';

describe('listAgents', () => {
  it('shows who takes new leads and what is off with each account', async () => {
    const { deps, directory } = createAgentAdminSetup();
    await addAgent({ email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' }, deps);
    await addAgent({ email: 'omar.haddad@example.com', name: 'Omar Haddad', role: 'admin' }, deps);
    await disableAgent('omar.haddad@example.com', deps);
    directory.accounts.set('typo@example.com', {
      agentId: 'd00d0000-0000-4000-8000-000000000003',
      email: 'typo@example.com',
      name: 'Tess Typo',
      brokerageId: 'brokerage-riversid',
      role: 'agent',
      enabled: true,
      state: 'CONFIRMED',
    });

    const listed = await listAgents(deps);

    expect(
      listed.map(({ email, role, account, profileStatus, routable, problems }) => ({
        email,
        role,
        enabled: account?.enabled,
        profileStatus,
        routable,
        problems,
      })),
    ).toEqual([
      {
        email: 'omar.haddad@example.com',
        role: 'admin',
        enabled: false,
        profileStatus: 'disabled',
        routable: false,
        problems: [],
      },
      {
        email: 'priya.shah@example.com',
        role: 'agent',
        enabled: true,
        profileStatus: 'active',
        routable: true,
        problems: [],
      },
      {
        email: 'typo@example.com',
        role: 'agent',
        enabled: true,
        profileStatus: undefined,
        routable: false,
        problems: ['foreign_brokerage'],
      },
    ]);
  });
});
