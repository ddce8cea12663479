import { describe, expect, it } from 'vitest';
import { addAgent } from '../../../../lambdas/domain/agents/add-agent';
import { ForeignAgentAccountError } from '../../../../lambdas/domain/agents/agent-account-errors';
import { NoAgentToRouteError } from '../../../../lambdas/domain/leads/route-new-lead';
import { createInMemoryAgentDirectory } from '../../../helpers/in-memory-agent-directory';
import { BROKERAGE, createAgentAdminSetup } from './agent-admin-setup';

describe('addAgent', () => {
  it("creates the account with the stack's brokerage and a verified email, and the profile at once", async () => {
    const { deps, directory } = createAgentAdminSetup();

    const added = await addAgent(
      { email: ' Priya.Shah@Example.com ', name: 'Priya Shah', role: 'agent' },
      deps,
    );

    expect(added.created).toBe(true);
    expect(directory.accounts.get('priya.shah@example.com')).toMatchObject({
      email: 'priya.shah@example.com',
      name: 'Priya Shah',
      brokerageId: BROKERAGE,
      role: 'agent',
      enabled: true,
    });
    expect(await deps.agents.get(added.account.agentId)).toMatchObject({
      agentId: added.account.agentId,
      brokerageId: BROKERAGE,
      email: 'priya.shah@example.com',
      name: 'Priya Shah',
      role: 'agent',
      status: 'active',
      timezone: 'America/New_York',
    });
  });

  it('makes the agent routable before they ever sign in', async () => {
    const { deps, nextLeadsGoTo } = createAgentAdminSetup();
    await expect(nextLeadsGoTo(1)).rejects.toBeInstanceOf(NoAgentToRouteError);

    await addAgent({ email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' }, deps);

    expect(await nextLeadsGoTo(2)).toEqual(['priya.shah@example.com', 'priya.shah@example.com']);
  });

  it('writes the missing profile when run again after the table write failed', async () => {
    const { deps, directory } = createAgentAdminSetup();
    const agents = deps.agents;
    const failing = {
      ...deps,
      agents: {
        ...agents,
        createIfAbsent: async () => {
          throw new Error('connection reset');
        },
      },
    };
    await expect(
      addAgent({ email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' }, failing),
    ).rejects.toThrow('connection reset');
    const account = directory.accounts.get('priya.shah@example.com')!;
    expect(await agents.get(account.agentId)).toBeUndefined();

    const again = await addAgent(
      { email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' },
      deps,
    );

    expect(again.created).toBe(false);
    expect(again.account.agentId).toBe(account.agentId);
    expect(await agents.get(account.agentId)).toMatchObject({ status: 'active', role: 'agent' });
  });

  it('refuses an existing account of another brokerage and writes no profile for it', async () => {
    const directory = createInMemoryAgentDirectory([
      {
        agentId: 'c0ffee00-0000-4000-8000-000000000001',
        email: 'omar.haddad@example.com',
        name: 'Omar Haddad',
        brokerageId: 'brokerage-riversid',
        role: 'agent',
        enabled: true,
        state: 'CONFIRMED',
      },
    ]);
    const { deps } = createAgentAdminSetup(directory);

    await expect(
      addAgent({ email: 'omar.haddad@example.com', name: 'Omar Haddad', role: 'agent' }, deps),
    ).rejects.toBeInstanceOf(ForeignAgentAccountError);
    expect(await deps.agents.get('c0ffee00-0000-4000-8000-000000000001')).toBeUndefined();
  });
});
