import { describe, expect, it } from 'vitest';
import { addAgent } from '../../../../lambdas/domain/agents/add-agent';
import { changeAgentRole } from '../../../../lambdas/domain/agents/change-agent-role';
import { updateProfile } from '../../../../lambdas/domain/agents/update-profile';
import { updateProfileBody } from '../../../../schemas/api/agents';
import { createAgentAdminSetup } from './agent-admin-setup';

describe('changeAgentRole', () => {
  it('changes the role in the account (next token) and the profile (routing at once)', async () => {
    const { deps, directory, nextLeadsGoTo } = createAgentAdminSetup();
    await addAgent({ email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' }, deps);
    await addAgent({ email: 'omar.haddad@example.com', name: 'Omar Haddad', role: 'agent' }, deps);

    const profile = await changeAgentRole('omar.haddad@example.com', 'admin', deps);

    expect(profile.role).toBe('admin');
    expect(directory.accounts.get('omar.haddad@example.com')?.role).toBe('admin');
    // Admins take new leads only while the brokerage has no active agent.
    expect(await nextLeadsGoTo(2)).toEqual(['priya.shah@example.com', 'priya.shah@example.com']);
  });

  it('keeps what the agent changed in their own profile meanwhile', async () => {
    const { deps } = createAgentAdminSetup();
    const { account } = await addAgent(
      { email: 'priya.shah@example.com', name: 'Priya Shah', role: 'agent' },
      deps,
    );
    const actor = {
      agentId: account.agentId,
      brokerageId: deps.brokerageId,
      role: 'agent' as const,
      email: account.email,
    };
    await updateProfile(actor, updateProfileBody.parse({ timezone: 'Europe/Madrid' }), undefined, deps);

    const profile = await changeAgentRole('priya.shah@example.com', 'admin', deps);

    expect(profile).toMatchObject({ role: 'admin', timezone: 'Europe/Madrid', version: 3 });
    expect(await deps.agents.get(account.agentId)).toEqual(profile);
  });
});
