import { describe, expect, it } from 'vitest';
import { ensureProfile } from '../../../../lambdas/domain/agents/ensure-profile';
import { updateProfile } from '../../../../lambdas/domain/agents/update-profile';
import { StaleVersionError } from '../../../../lambdas/domain/errors';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { updateProfileBody } from '../../../../schemas/api/agents';
import { createMockActor } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';

const dana = createMockActor();

const setup = async () => {
  const clock = fixedClock('2026-03-02T14:00:00.000Z');
  const deps = createInMemoryDeps(clock);
  const profile = await ensureProfile(dana, deps);
  clock.set('2026-03-05T08:00:00.000Z');
  return { deps, profile };
};

describe('updateProfile', () => {
  it('saves new quiet hours and time zone and moves the version on', async () => {
    const { deps, profile } = await setup();
    const changes = updateProfileBody.parse({
      version: 1,
      timezone: 'America/Chicago',
      quietHours: { start: '22:00', end: '07:30' },
    });

    const updated = await updateProfile(dana, changes, undefined, deps);

    expect(updated).toEqual({
      ...profile,
      timezone: 'America/Chicago',
      quietHours: { start: '22:00', end: '07:30' },
      version: 2,
      updatedAt: '2026-03-05T08:00:00.000Z',
    });
    expect(await deps.agents.get(dana.agentId)).toEqual(updated);
  });

  it('refuses a stale version with StaleVersionError and changes nothing', async () => {
    const { deps } = await setup();
    await updateProfile(dana, { version: 1, name: 'Dana M. Lee' }, undefined, deps);

    const attempt = updateProfile(dana, { version: 1, timezone: 'Europe/Paris' }, undefined, deps);

    await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    await expect(attempt).rejects.toMatchObject({ extensions: { currentVersion: 2 } });
    expect(await deps.agents.get(dana.agentId)).toMatchObject({ timezone: 'America/New_York', version: 2 });
  });

  it('refuses a stale If-Match even when the body carries the current version', async () => {
    const { deps } = await setup();
    await updateProfile(dana, { version: 1, name: 'Dana M. Lee' }, undefined, deps);

    await expect(updateProfile(dana, { version: 2, name: 'D. Lee' }, 1, deps)).rejects.toBeInstanceOf(
      StaleVersionError,
    );
  });

  it('refuses a write that lost the race to another one after the version check', async () => {
    const { deps, profile } = await setup();
    await deps.agents.update(profile, { ...profile, name: 'Dana M. Lee', version: 2 });
    // This request read the profile just before the other write landed.
    const agents = { ...deps.agents, get: async () => profile };

    const attempt = updateProfile(dana, { version: 1, timezone: 'Europe/Paris' }, undefined, {
      ...deps,
      agents,
    });

    await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    expect(await deps.agents.get(dana.agentId)).toMatchObject({
      name: 'Dana M. Lee',
      timezone: 'America/New_York',
    });
  });

  it('creates the profile on the way when the agent has none yet', async () => {
    const deps = createInMemoryDeps();

    const updated = await updateProfile(
      dana,
      { workingHours: { days: [2, 3, 4, 5, 6], start: '10:00', end: '19:00' } },
      undefined,
      deps,
    );

    expect(updated).toMatchObject({
      version: 2,
      workingHours: { days: [2, 3, 4, 5, 6], start: '10:00', end: '19:00' },
      timezone: 'America/New_York',
    });
  });

  it('turns automatic follow-up of new leads off, and leaves it on when the change does not mention it', async () => {
    const { deps, profile } = await setup();
    expect(profile.autoFollowUp).toBe(true);

    const off = await updateProfile(dana, updateProfileBody.parse({ autoFollowUp: false }), undefined, deps);
    const renamed = await updateProfile(dana, updateProfileBody.parse({ name: 'Dana L.' }), undefined, deps);

    expect(off.autoFollowUp).toBe(false);
    expect(renamed.autoFollowUp).toBe(false);
    expect((await deps.agents.get(dana.agentId))?.autoFollowUp).toBe(false);
    expect(updateProfileBody.safeParse({ autoFollowUp: 'no' }).success).toBe(false);
  });
});
