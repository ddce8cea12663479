import { describe, expect, it } from 'vitest';
import { brokerageScope } from '../../../../lambdas/domain/activity/activity-change';
import { loadDashboardSection } from '../../../../lambdas/domain/dashboard/load-dashboard-section';
import { NotFoundError, ValidationError } from '../../../../lambdas/domain/errors';
import { admin, agent, DEFAULT_AGENT_ID, DEFAULT_BROKERAGE_ID, dashboardWorld } from './dashboard-world';

/** Dana in New York at 12:00 UTC (07:00 EST) on 1 December, with follow-ups on either side of now and midnight. */
const day = async () => {
  const world = dashboardWorld('2026-12-01T12:00:00.000Z');
  await world.addAgent();
  await world.addAgent({ agentId: admin.agentId, email: admin.email, role: 'admin', timezone: 'Asia/Dubai' });
  const lead = await world.addLead({ name: 'Lou Park', temperature: 'hot' });
  world.addTask(lead, '2026-11-30T09:00:00.000Z', { title: 'yesterday' });
  world.addTask(lead, '2026-12-01T11:59:59.999Z', { title: 'just past' });
  world.addTask(lead, '2026-12-01T12:00:00.000Z', { title: 'now' });
  world.addTask(lead, '2026-12-02T04:59:00.000Z', { title: 'before midnight' }); // 23:59 EST
  world.addTask(lead, '2026-12-02T05:00:00.000Z', { title: 'tomorrow' });
  world.addStep(lead, '2026-12-01T10:00:00.000Z', { sequenceName: 'late step' });
  world.addStep(lead, '2026-12-01T18:00:00.000Z', { sequenceName: 'today step' });
  world.addStep(lead, '2026-12-02T06:00:00.000Z', { sequenceName: 'tomorrow step' });
  return { ...world, lead };
};

const whose = { scope: 'agent' as const, limit: 10 };

describe('loadDashboardSection: follow-ups', () => {
  it('gives tasks still due today from now to the agent’s midnight, and overdue ones before now', async () => {
    const { deps } = await day();
    const today = await loadDashboardSection(agent, 'tasks-today', whose, deps);
    const overdue = await loadDashboardSection(agent, 'tasks-overdue', whose, deps);
    expect(today.items.map((t) => ('title' in t ? t.title : ''))).toEqual(['now', 'before midnight']);
    expect(overdue.items.map((t) => ('title' in t ? t.title : ''))).toEqual(['yesterday', 'just past']);
    expect(today.items[0]).toMatchObject({ lead: { name: 'Lou Park', temperature: 'hot' } });
  });

  it('gives follow-up steps due today and overdue, with their lead', async () => {
    const { deps, lead } = await day();
    const today = await loadDashboardSection(agent, 'steps-today', whose, deps);
    const overdue = await loadDashboardSection(agent, 'steps-overdue', whose, deps);
    expect(today.items).toEqual([
      expect.objectContaining({
        sequenceName: 'today step',
        leadId: lead.leadId,
        lead: { name: 'Lou Park', temperature: 'hot' },
      }),
    ]);
    expect(overdue.items).toEqual([expect.objectContaining({ sequenceName: 'late step' })]);
    expect(today.nextCursor).toBeNull();
  });

  it('pages on from the cursor it gave, to the end', async () => {
    const { deps } = await day();
    const first = await loadDashboardSection(agent, 'tasks-overdue', { ...whose, limit: 1 }, deps);
    expect(first.nextCursor).not.toBeNull();
    const second = await loadDashboardSection(
      agent,
      'tasks-overdue',
      { ...whose, limit: 1, cursor: first.nextCursor as string },
      deps,
    );
    const third = await loadDashboardSection(
      agent,
      'tasks-overdue',
      { ...whose, limit: 1, cursor: second.nextCursor as string },
      deps,
    );
    expect([...first.items, ...second.items].map((t) => ('title' in t ? t.title : ''))).toEqual([
      'yesterday',
      'just past',
    ]);
    expect(third).toEqual({ items: [], nextCursor: null });
  });

  it('drops the items of a lead being erased', async () => {
    const { deps, stores, lead } = await day();
    await stores.leads.erase(lead);
    const page = await loadDashboardSection(agent, 'tasks-today', whose, deps);
    expect(page.items).toEqual([]);
  });

  it('refuses a team’s follow-ups, naming the scope, and gives an admin one agent’s', async () => {
    const { deps } = await day();
    const refused = loadDashboardSection(admin, 'steps-today', { ...whose, scope: 'team' }, deps);
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      issues: [{ field: 'scope', message: 'team follow-ups page per agent: pass agentId' }],
    });

    const dana = await loadDashboardSection(
      admin,
      'tasks-today',
      { ...whose, agentId: DEFAULT_AGENT_ID },
      deps,
    );
    expect(dana.items).toHaveLength(2);
  });

  it('answers an agent naming another agent with a 404', async () => {
    const { deps } = await day();
    await expect(
      loadDashboardSection(agent, 'tasks-today', { ...whose, agentId: admin.agentId }, deps),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('loadDashboardSection: leads', () => {
  it('pages an agent’s open leads of a temperature, highest score first', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    for (const score of [40, 90, 70])
      await world.addLead({ temperature: 'warm', score, name: `Score ${score}` });
    await world.addLead({ temperature: 'hot', score: 99 });
    await world.addLead({ temperature: 'warm', score: 95, agentId: 'agent-kai' });

    const first = await loadDashboardSection(agent, 'warm', { ...whose, limit: 2 }, world.deps);
    const rest = await loadDashboardSection(
      agent,
      'warm',
      { ...whose, limit: 2, cursor: first.nextCursor as string },
      world.deps,
    );

    expect(first.items.map((l) => ('name' in l ? l.name : ''))).toEqual(['Score 90', 'Score 70']);
    expect(rest).toEqual({ items: [expect.objectContaining({ name: 'Score 40' })], nextCursor: null });
  });

  it('gives each temperature its own leads, hot included', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    const hot = await world.addLead({ temperature: 'hot', score: 88 });
    await world.addLead({ temperature: 'warm', score: 50 });
    world.addStep(hot, '2026-12-01T09:00:00.000Z');

    const page = await loadDashboardSection(agent, 'hot', whose, world.deps);

    expect(page).toEqual({
      items: [expect.objectContaining({ leadId: hot.leadId, score: 88 })],
      nextCursor: null,
    });
  });

  it('gives an admin the team’s leads, and nothing of another brokerage for an id not theirs', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    await world.addLead({ temperature: 'cold', score: 10 });
    await world.addLead({ temperature: 'cold', score: 20, agentId: 'agent-kai' });
    await world.addLead({ temperature: 'cold', agentId: 'agent-x', brokerageId: 'brokerage-other' });

    const teamLeads = await loadDashboardSection(admin, 'cold', { ...whose, scope: 'team' }, world.deps);
    expect(teamLeads.items.map((l) => ('score' in l ? l.score : -1))).toEqual([20, 10]);
    expect(world.dashboard.reads).toEqual([`leads:${brokerageScope(DEFAULT_BROKERAGE_ID)}:cold`]);

    const foreign = await loadDashboardSection(admin, 'cold', { ...whose, agentId: 'agent-x' }, world.deps);
    expect(foreign.items).toEqual([]);
  });
});
