import { describe, expect, it } from 'vitest';
import {
  brokerageAccount,
  changeAccountProfile,
  profileForAccount,
} from '../../../../lambdas/domain/agents/agent-account';
import {
  AgentAccountNotFoundError,
  ForeignAgentAccountError,
} from '../../../../lambdas/domain/agents/agent-account-errors';
import { StaleVersionError } from '../../../../lambdas/domain/errors';
import type { DirectoryUser } from '../../../../lambdas/ports/agent-directory';
import type { AgentRepository } from '../../../../lambdas/ports/agent-repository';
import { createInMemoryAgentDirectory } from '../../../helpers/in-memory-agent-directory';
import { BROKERAGE, createAgentAdminSetup } from './agent-admin-setup';

const omar: DirectoryUser = {
  agentId: 'agent-omar',
  email: 'omar.haddad@example.com',
  name: 'Omar Haddad',
  brokerageId: BROKERAGE,
  role: 'agent',
  enabled: true,
  state: 'CONFIRMED',
};

/** Profile writes that first lose `losses` times to the agent's own edit landing just before. */
const losingTo = (agents: AgentRepository, losses: number) => {
  let writes = 0;
  const repository: AgentRepository = {
    ...agents,
    async update(previous, next) {
      writes += 1;
      if (writes <= losses) {
        const current = (await agents.get(previous.agentId))!;
        await agents.update(current, { ...current, timezone: 'Europe/Madrid', version: current.version + 1 });
      }
      return agents.update(previous, next);
    },
  };
  return { repository, writes: () => writes };
};

describe('brokerageAccount', () => {
  it('finds the account whatever the case and spaces of the email typed', async () => {
    const { deps } = createAgentAdminSetup(createInMemoryAgentDirectory([omar]));

    expect(await brokerageAccount('  Omar.Haddad@Example.com ', deps)).toEqual(omar);
  });

  it('refuses an email with no account, naming the address as the pool holds it', async () => {
    const { deps } = createAgentAdminSetup(createInMemoryAgentDirectory([omar]));

    await expect(brokerageAccount(' Nobody@Example.com', deps)).rejects.toThrow(
      new AgentAccountNotFoundError('nobody@example.com'),
    );
  });

  it('refuses an account of another brokerage, and one made without a brokerage', async () => {
    const { deps } = createAgentAdminSetup(
      createInMemoryAgentDirectory([
        { ...omar, brokerageId: 'brokerage-elsewhere' },
        { ...omar, agentId: 'agent-nora', email: 'nora@example.com', brokerageId: undefined },
      ]),
    );

    await expect(brokerageAccount(omar.email, deps)).rejects.toBeInstanceOf(ForeignAgentAccountError);
    await expect(brokerageAccount('nora@example.com', deps)).rejects.toBeInstanceOf(ForeignAgentAccountError);
  });
});

describe('profileForAccount', () => {
  it('writes a profile from the account attributes, an agent when the account carries no role', async () => {
    const { deps } = createAgentAdminSetup();
    const { role: _role, name: _name, ...bare } = omar;

    const profile = await profileForAccount(bare, deps);

    expect(profile).toMatchObject({
      agentId: 'agent-omar',
      brokerageId: BROKERAGE,
      email: omar.email,
      name: omar.email,
      role: 'agent',
      status: 'active',
    });
    expect(await deps.agents.get('agent-omar')).toEqual(profile);
  });

  it('keeps the account name and role when it has them', async () => {
    const { deps } = createAgentAdminSetup();

    expect(await profileForAccount({ ...omar, role: 'admin' }, deps)).toMatchObject({
      name: 'Omar Haddad',
      role: 'admin',
    });
  });
});

describe('changeAccountProfile', () => {
  it('writes nothing when the profile already says so', async () => {
    const { deps } = createAgentAdminSetup();
    const before = await profileForAccount(omar, deps);

    const after = await changeAccountProfile(omar, { role: 'agent', status: 'active' }, deps);

    expect(after).toEqual(before);
    expect((await deps.agents.get('agent-omar'))?.version).toBe(1);
  });

  it('writes the fields that differ when others already match', async () => {
    const { deps } = createAgentAdminSetup();
    await profileForAccount(omar, deps);

    const profile = await changeAccountProfile(omar, { role: 'agent', status: 'disabled' }, deps);

    expect(profile).toMatchObject({ role: 'agent', status: 'disabled', version: 2 });
    expect((await deps.agents.get('agent-omar'))?.status).toBe('disabled');
  });

  it('applies the change again on top of an edit the agent made in between', async () => {
    const { deps } = createAgentAdminSetup();
    await profileForAccount(omar, deps);
    const racing = losingTo(deps.agents, 2);

    const profile = await changeAccountProfile(
      omar,
      { status: 'disabled' },
      { ...deps, agents: racing.repository },
    );

    expect(profile).toMatchObject({ status: 'disabled', timezone: 'Europe/Madrid', version: 4 });
    expect(await deps.agents.get('agent-omar')).toEqual(profile);
    expect(racing.writes()).toBe(3);
  });

  it('gives up with a conflict after three writes lost in a row', async () => {
    const { deps } = createAgentAdminSetup();
    await profileForAccount(omar, deps);
    const racing = losingTo(deps.agents, 3);

    await expect(
      changeAccountProfile(omar, { status: 'disabled' }, { ...deps, agents: racing.repository }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(racing.writes()).toBe(3);
    expect((await deps.agents.get('agent-omar'))?.status).toBe('active');
  });

  it('does not retry a write that failed for another reason', async () => {
    const { deps } = createAgentAdminSetup();
    await profileForAccount(omar, deps);
    let writes = 0;
    const failing: AgentRepository = {
      ...deps.agents,
      update: async () => {
        writes += 1;
        throw new Error('Connection reset by peer');
      },
    };

    await expect(changeAccountProfile(omar, { role: 'admin' }, { ...deps, agents: failing })).rejects.toThrow(
      'Connection reset by peer',
    );
    expect(writes).toBe(1);
  });
});
