import { describe, expect, it } from 'vitest';
import { ensureProfile } from '../../../../lambdas/domain/agents/ensure-profile';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createMockActor, createMockProfile } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();

describe('ensureProfile', () => {
  it("creates the profile on first use from the token and the brokerage's defaults", async () => {
    const deps = createInMemoryDeps(fixedClock('2026-03-02T14:00:00.000Z'));

    const profile = await ensureProfile(dana, deps);

    expect(profile).toEqual({
      agentId: dana.agentId,
      brokerageId: dana.brokerageId,
      email: 'dana.lee@example.com',
      name: 'Dana Lee',
      role: 'agent',
      status: 'active',
      timezone: 'America/New_York',
      defaultCountry: 'US',
      quietHours: { start: '21:00', end: '08:00' },
      workingHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' },
      autoFollowUp: true,
      version: 1,
      createdAt: '2026-03-02T14:00:00.000Z',
      updatedAt: '2026-03-02T14:00:00.000Z',
    });
    expect(await deps.agents.get(dana.agentId)).toEqual(profile);
  });

  it('names the agent by email when the token carries no name', async () => {
    const deps = createInMemoryDeps();

    const profile = await ensureProfile(createMockActor({ name: undefined }), deps);

    expect(profile.name).toBe('dana.lee@example.com');
  });

  it('creates the profile once and returns the stored one afterwards', async () => {
    const clock = fixedClock('2026-03-02T14:00:00.000Z');
    const deps = createInMemoryDeps(clock);
    const first = await ensureProfile(dana, deps);
    clock.advance(24 * 60 * 60 * 1000);

    const second = await ensureProfile(dana, deps);

    expect(second).toEqual(first);
    expect(await deps.agents.listForBrokerage(dana.brokerageId)).toHaveLength(1);
  });

  it('returns the profile a concurrent request stored first', async () => {
    const deps = createInMemoryDeps();
    const storedByOtherRequest = createMockProfile({ agentId: dana.agentId, timezone: 'Europe/London' });
    // This request read "no profile" just before the other one created it.
    const agents = { ...deps.agents, get: async () => undefined };
    await deps.agents.createIfAbsent(storedByOtherRequest);

    const profile = await ensureProfile(dana, { ...deps, agents });

    expect(profile).toEqual(storedByOtherRequest);
    expect(await deps.agents.get(dana.agentId)).toEqual(storedByOtherRequest);
  });

  it('settles two simultaneous first sign-ins on one profile', async () => {
    const deps = createInMemoryDeps();

    const [a, b] = await Promise.all([ensureProfile(dana, deps), ensureProfile(dana, deps)]);

    expect(a).toEqual(b);
    expect(await deps.agents.listForBrokerage(dana.brokerageId)).toEqual([a]);
  });
});
