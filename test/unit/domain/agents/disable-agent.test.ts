import { describe, expect, it } from 'vitest';
import { addAgent } from '../../../../lambdas/domain/agents/add-agent';
import { AgentAccountNotFoundError } from '../../../../lambdas/domain/agents/agent-account-errors';
import { disableAgent } from '../../../../lambdas/domain/agents/disable-agent';
import { enableAgent } from '../../../../lambdas/domain/agents/enable-agent';
import { NoAgentToRouteError } from '../../../../lambdas/domain/leads/route-new-lead';
import { createAgentAdminSetup } from './agent-admin-setup';

const twoAgents = async () => {
  const setup = createAgentAdminSetup();
  await addAgent({ email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' }, setup.deps);
  await addAgent({ email: 'omar.haddad@example.com', name: 'Omar Haddad', role: 'agent' }, setup.deps);
  return setup;
};

describe('disableAgent', () => {
  it('takes the agent out of lead routing from the next lead and stops their sign-in', async () => {
    const { deps, directory, nextLeadsGoTo } = await twoAgents();

    await disableAgent('Priya.Shah@example.com', deps);

    expect(await nextLeadsGoTo(3)).toEqual([
      'omar.haddad@example.com',
      'omar.haddad@example.com',
      'omar.haddad@example.com',
    ]);
    expect(directory.accounts.get('priya.shah@example.com')?.enabled).toBe(false);
  });

  it('leaves the brokerage with nobody to route to when its only agent is disabled', async () => {
    const { deps, nextLeadsGoTo } = createAgentAdminSetup();
    await addAgent({ email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' }, deps);

    await disableAgent('priya.shah@example.com', deps);

    await expect(nextLeadsGoTo(1)).rejects.toBeInstanceOf(NoAgentToRouteError);
  });

  it('stops routing first: a failure disabling the account leaves an agent who gets no new leads', async () => {
    const { deps, directory, nextLeadsGoTo } = await twoAgents();
    directory.failNext('disable');

    await expect(disableAgent('priya.shah@example.com', deps)).rejects.toThrow('connection reset');

    expect(new Set(await nextLeadsGoTo(2))).toEqual(new Set(['omar.haddad@example.com']));
    await disableAgent('priya.shah@example.com', deps);
    expect(directory.accounts.get('priya.shah@example.com')?.enabled).toBe(false);
  });

  it('names the email it could not find', async () => {
    const { deps } = createAgentAdminSetup();

    await expect(disableAgent('nobody@example.com', deps)).rejects.toThrow(AgentAccountNotFoundError);
  });
});

describe('enableAgent', () => {
  it('brings a disabled agent back into the rotation and lets them sign in', async () => {
    const { deps, directory, nextLeadsGoTo } = await twoAgents();
    await disableAgent('priya.shah@example.com', deps);

    const profile = await enableAgent('priya.shah@example.com', deps);

    expect(profile.status).toBe('active');
    expect(directory.accounts.get('priya.shah@example.com')?.enabled).toBe(true);
    expect(new Set(await nextLeadsGoTo(2))).toEqual(
      new Set(['priya.shah@example.com', 'omar.haddad@example.com']),
    );
  });

  it('writes the profile of an account that has none yet, making it routable', async () => {
    const { deps, directory, nextLeadsGoTo } = createAgentAdminSetup();
    directory.accounts.set('lena.park@example.com', {
      agentId: 'b5a1c7e2-0000-4000-8000-000000000002',
      email: 'lena.park@example.com',
      name: 'Lena Park',
      brokerageId: deps.brokerageId,
      role: 'agent',
      enabled: true,
      state: 'CONFIRMED',
    });

    await enableAgent('lena.park@example.com', deps);

    expect(await nextLeadsGoTo(1)).toEqual(['lena.park@example.com']);
  });
});
