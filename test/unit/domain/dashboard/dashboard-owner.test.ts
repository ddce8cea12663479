import { describe, expect, it } from 'vitest';
import { dashboardOwner } from '../../../../lambdas/domain/dashboard/dashboard-owner';
import { NotFoundError, ValidationError } from '../../../../lambdas/domain/errors';
import { admin, agent, DEFAULT_AGENT_ID, DEFAULT_BROKERAGE_ID, dashboardWorld } from './dashboard-world';

const world = async () => {
  const w = dashboardWorld('2026-12-01T12:00:00.000Z');
  await w.addAgent(); // Dana, New York
  await w.addAgent({ agentId: admin.agentId, email: admin.email, role: 'admin', timezone: 'Asia/Dubai' });
  await w.addAgent({ agentId: 'agent-kai', email: 'kai@example.com', timezone: 'America/Los_Angeles' });
  await w.addAgent({
    agentId: 'agent-elsewhere',
    brokerageId: 'brokerage-other',
    email: 'lee@example.com',
    timezone: 'Asia/Tokyo',
  });
  return w;
};

describe('dashboardOwner', () => {
  it('gives an agent their own dashboard in their zone, by default or when they name themselves', async () => {
    const { deps } = await world();
    const own = { scope: 'agent', agentId: DEFAULT_AGENT_ID, timeZone: 'America/New_York' };
    expect(await dashboardOwner(agent, { scope: 'agent' }, deps)).toEqual(own);
    expect(await dashboardOwner(agent, { scope: 'agent', agentId: DEFAULT_AGENT_ID }, deps)).toEqual(own);
  });

  it('takes the brokerage’s zone for an agent with no profile yet', async () => {
    const { deps } = dashboardWorld('2026-12-01T12:00:00.000Z');
    expect(await dashboardOwner(agent, { scope: 'agent' }, deps)).toEqual({
      scope: 'agent',
      agentId: DEFAULT_AGENT_ID,
      timeZone: 'Europe/London',
    });
  });

  it('answers an agent naming another agent, or asking for the team, with a 404', async () => {
    const { deps } = await world();
    await expect(dashboardOwner(agent, { scope: 'agent', agentId: 'agent-kai' }, deps)).rejects.toThrow(
      new NotFoundError('Agent'),
    );
    await expect(dashboardOwner(agent, { scope: 'team' }, deps)).rejects.toThrow(new NotFoundError('Team'));
  });

  it('gives an admin one of their agents in that agent’s zone', async () => {
    const { deps } = await world();
    expect(await dashboardOwner(admin, { scope: 'agent', agentId: 'agent-kai' }, deps)).toEqual({
      scope: 'agent',
      agentId: 'agent-kai',
      timeZone: 'America/Los_Angeles',
    });
    expect(await dashboardOwner(admin, { scope: 'agent' }, deps)).toEqual({
      scope: 'agent',
      agentId: admin.agentId,
      timeZone: 'Asia/Dubai',
    });
  });

  it('answers an admin naming an agent of another brokerage with a 404, and an unknown id with an empty owner', async () => {
    const { deps } = await world();
    await expect(dashboardOwner(admin, { scope: 'agent', agentId: 'agent-elsewhere' }, deps)).rejects.toThrow(
      new NotFoundError('Agent'),
    );
    expect(await dashboardOwner(admin, { scope: 'agent', agentId: 'agent-nobody' }, deps)).toEqual({
      scope: 'agent',
      agentId: 'agent-nobody',
      timeZone: 'Europe/London',
    });
  });

  it('gives an admin the team: every agent of the brokerage, in the admin’s zone', async () => {
    const { deps } = await world();
    expect(await dashboardOwner(admin, { scope: 'team' }, deps)).toEqual({
      scope: 'team',
      brokerageId: DEFAULT_BROKERAGE_ID,
      agentIds: [DEFAULT_AGENT_ID, 'agent-kai', admin.agentId].sort(),
      timeZone: 'Asia/Dubai',
    });
  });

  it('takes the brokerage’s zone for a team whose admin has no profile', async () => {
    const w = dashboardWorld('2026-12-01T12:00:00.000Z');
    await w.addAgent();
    expect(await dashboardOwner(admin, { scope: 'team' }, w.deps)).toMatchObject({
      agentIds: [DEFAULT_AGENT_ID],
      timeZone: 'Europe/London',
    });
  });

  it('refuses an agent id with the team scope, naming the field', async () => {
    const { deps } = await world();
    const refused = dashboardOwner(admin, { scope: 'team', agentId: 'agent-kai' }, deps);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      issues: [{ field: 'agentId', message: 'is not allowed with scope=team' }],
    });
  });
});
