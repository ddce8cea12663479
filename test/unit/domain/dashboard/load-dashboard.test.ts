import { describe, expect, it } from 'vitest';
import { brokerageScope } from '../../../../lambdas/domain/activity/activity-change';
import { loadDashboard } from '../../../../lambdas/domain/dashboard/load-dashboard';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import type { Dashboard } from '../../../../schemas/api/dashboard';
import { admin, agent, DEFAULT_AGENT_ID, DEFAULT_BROKERAGE_ID, dashboardWorld } from './dashboard-world';

const titles = (bucket: { tasks: { items: Array<{ title: string }> } }) =>
  bucket.tasks.items.map((t) => t.title);

/** Dana in New York, with tasks around the 25-hour day of 1 November 2026 (EDT → EST). */
const fallBackDay = async (now: string) => {
  const world = dashboardWorld(now);
  await world.addAgent();
  const lead = await world.addLead({ name: 'Fay Lund', temperature: 'cold' });
  world.addTask(lead, '2026-11-01T10:00:00.000Z', { title: 'early' }); // 06:00 EDT
  world.addTask(lead, '2026-11-01T12:00:00.000Z', { title: 'at noon' }); // 08:00 EDT
  world.addTask(lead, '2026-11-02T04:30:00.000Z', { title: 'late evening' }); // 23:30 EST, still 1 November
  world.addTask(lead, '2026-11-02T05:00:00.000Z', { title: 'midnight' }); // 00:00 EST on 2 November
  world.addTask(lead, '2026-11-02T05:15:00.000Z', { title: 'after midnight' });
  world.addTask(lead, '2026-11-01T11:00:00.000Z', { title: 'done', status: 'done' });
  return { ...world, lead };
};

describe('loadDashboard: today and overdue in the agent’s zone', () => {
  it('ends today at the agent’s midnight on a 25-hour day; a task due now is today, one due at midnight is not', async () => {
    const { deps, lead } = await fallBackDay('2026-11-01T12:00:00.000Z');

    const board = await loadDashboard(agent, { scope: 'agent', limit: 10 }, deps);

    expect(board).toMatchObject({
      scope: 'agent',
      agentId: DEFAULT_AGENT_ID,
      timeZone: 'America/New_York',
      today: { start: '2026-11-01T04:00:00.000Z', end: '2026-11-02T05:00:00.000Z' },
      generatedAt: '2026-11-01T12:00:00.000Z',
    });
    expect(titles(board.followUps.overdue)).toEqual(['early']);
    expect(titles(board.followUps.today)).toEqual(['at noon', 'late evening']);
    expect(board.followUps.today.tasks).toMatchObject({ count: 2, countAtLeast: false, nextCursor: null });
    expect(board.followUps.today.tasks.items[0]?.lead).toEqual({ name: 'Fay Lund', temperature: 'cold' });
    expect(board.followUps.today.tasks.items[0]?.leadId).toBe(lead.leadId);
  });

  it('rolls over at the agent’s midnight: the evening’s tasks turn overdue and the next day’s become today', async () => {
    const before = await fallBackDay('2026-11-02T04:45:00.000Z'); // 23:45 EST on 1 November
    let board = await loadDashboard(agent, { scope: 'agent', limit: 10 }, before.deps);
    expect(titles(board.followUps.today)).toEqual([]);
    expect(titles(board.followUps.overdue)).toEqual(['early', 'at noon', 'late evening']);

    const after = await fallBackDay('2026-11-02T05:05:00.000Z'); // 00:05 EST on 2 November
    board = await loadDashboard(agent, { scope: 'agent', limit: 10 }, after.deps);
    expect(board.today).toEqual({ start: '2026-11-02T05:00:00.000Z', end: '2026-11-03T05:00:00.000Z' });
    expect(titles(board.followUps.today)).toEqual(['after midnight']);
    expect(board.followUps.overdue.tasks.count).toBe(4);
  });

  it('keeps a 23-hour day in the zone when the clocks spring forward', async () => {
    const world = dashboardWorld('2026-03-08T13:00:00.000Z'); // 09:00 EDT on 8 March
    await world.addAgent();
    const lead = await world.addLead();
    world.addStep(lead, '2026-03-09T03:59:00.000Z', { sequenceName: 'late' }); // 23:59 EDT
    world.addStep(lead, '2026-03-09T04:00:00.000Z', { sequenceName: 'tomorrow' });

    const board = await loadDashboard(agent, { scope: 'agent', limit: 10 }, world.deps);

    expect(board.today).toEqual({ start: '2026-03-08T05:00:00.000Z', end: '2026-03-09T04:00:00.000Z' });
    expect(board.followUps.today.steps.items.map((s) => s.sequenceName)).toEqual(['late']);
    expect(board.followUps.today.steps.items[0]?.lead).toEqual({ name: 'Sam Rivera', temperature: 'warm' });
  });
});

describe('loadDashboard: buckets and counts', () => {
  it('shows open leads by temperature, highest score first, and counts a whole first page by its length', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    await world.addLead({ name: 'Low', temperature: 'hot', score: 72 });
    await world.addLead({ name: 'High', temperature: 'hot', score: 95 });
    await world.addLead({ name: 'Warm', temperature: 'warm', score: 50 });
    await world.addLead({ name: 'Closed', temperature: 'hot', score: 99, status: 'converted' });

    const board = await loadDashboard(agent, { scope: 'agent', limit: 10 }, world.deps);

    expect(board.leads.hot.items.map((l) => l.name)).toEqual(['High', 'Low']);
    expect(board.leads.hot).toMatchObject({ count: 2, countAtLeast: false, nextCursor: null });
    expect(board.leads.warm).toMatchObject({ count: 1, countAtLeast: false });
    expect(board.leads.cold).toMatchObject({ items: [], count: 0, countAtLeast: false, nextCursor: null });
    expect(world.dashboard.reads.filter((r) => r.startsWith('count'))).toEqual([]);
  });

  it('gives exact lead counts once they are kept, past a first page and past 100', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    for (let n = 0; n < 3; n++) await world.addLead({ temperature: 'hot', score: 60 + n });
    world.dashboard.counted = new Map([[DEFAULT_AGENT_ID, { hot: 250, warm: 0, cold: 0 }]]);

    const board = await loadDashboard(agent, { scope: 'agent', limit: 2 }, world.deps);

    expect(board.leads.hot.items).toHaveLength(2);
    expect(board.leads.hot.nextCursor).not.toBeNull();
    expect(board.leads.hot).toMatchObject({ count: 250, countAtLeast: false });
    expect(world.dashboard.reads.filter((r) => r.startsWith('countLeads'))).toEqual([]);
  });

  it('counts leads up to 100 (then "100+") until the older leads are counted in', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    for (let n = 0; n < 101; n++) await world.addLead({ temperature: 'warm', score: n % 100 });

    const board = await loadDashboard(agent, { scope: 'agent', limit: 5 }, world.deps);

    expect(board.leads.warm.items.map((l) => l.score)).toEqual([99, 98, 97, 96, 95]);
    expect(board.leads.warm).toMatchObject({ count: 100, countAtLeast: true });
  });

  it('counts a follow-up bucket past its first page and gives its cursor', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    const lead = await world.addLead();
    for (const hour of ['09', '10', '11']) world.addTask(lead, `2026-12-01T${hour}:00:00.000Z`);

    const board = await loadDashboard(agent, { scope: 'agent', limit: 2 }, world.deps);

    expect(board.followUps.overdue.tasks.items.map((t) => t.dueAt)).toEqual([
      '2026-12-01T09:00:00.000Z',
      '2026-12-01T10:00:00.000Z',
    ]);
    expect(board.followUps.overdue.tasks).toMatchObject({ count: 3, countAtLeast: false });
    expect(board.followUps.overdue.tasks.nextCursor).not.toBeNull();
  });

  it('leaves out tasks and steps of a lead being erased', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    const kept = await world.addLead({ name: 'Kim Kept' });
    const erased = await world.addLead({ name: 'Eve Erased' });
    world.addTask(kept, '2026-12-01T15:00:00.000Z');
    world.addTask(erased, '2026-12-01T14:00:00.000Z');
    world.addStep(erased, '2026-12-01T09:00:00.000Z');
    await world.stores.leads.erase(erased);

    const board = await loadDashboard(agent, { scope: 'agent', limit: 10 }, world.deps);

    expect(board.followUps.today.tasks.items.map((t) => t.lead.name)).toEqual(['Kim Kept']);
    expect(board.followUps.overdue.steps.items).toEqual([]);
  });

  it('shows an admin naming an id from another brokerage nothing of it', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    await world.addAgent({ agentId: admin.agentId, email: admin.email, role: 'admin' });
    const foreign = await world.addLead({
      agentId: 'agent-x',
      brokerageId: 'brokerage-other',
      temperature: 'hot',
    });
    world.addTask(foreign, '2026-12-01T15:00:00.000Z');

    const board = await loadDashboard(admin, { scope: 'agent', agentId: 'agent-x', limit: 10 }, world.deps);

    expect(board.leads.hot.items).toEqual([]);
    expect(board.followUps.today.tasks.items).toEqual([]);
  });

  it('answers an agent asking for another agent’s dashboard with a 404', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    await expect(
      loadDashboard(agent, { scope: 'agent', agentId: 'agent-kai', limit: 10 }, world.deps),
    ).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('loadDashboard: the team', () => {
  const team = async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    await world.addAgent({
      agentId: admin.agentId,
      email: admin.email,
      role: 'admin',
      timezone: 'Asia/Dubai',
    });
    await world.addAgent({ agentId: 'agent-kai', email: 'kai@example.com', timezone: 'America/Los_Angeles' });
    await world.addAgent();
    const dana = await world.addLead({ name: 'Dana’s lead', temperature: 'hot', score: 80 });
    const kai = await world.addLead({
      name: 'Kai’s lead',
      agentId: 'agent-kai',
      temperature: 'hot',
      score: 90,
    });
    return { world, dana, kai };
  };

  it('merges every agent’s follow-ups soonest first in the admin’s zone, with the counts added up', async () => {
    const { world, dana, kai } = await team();
    world.addTask(dana, '2026-12-01T15:00:00.000Z', { title: 'dana 1' });
    world.addTask(kai, '2026-12-01T14:00:00.000Z', { title: 'kai 1' });
    world.addTask(dana, '2026-12-01T16:00:00.000Z', { title: 'dana 2' });
    world.addTask(kai, '2026-12-01T21:00:00.000Z', { title: 'kai after Dubai midnight' });

    const board = await loadDashboard(admin, { scope: 'team', limit: 10 }, world.deps);

    expect(board).toMatchObject({
      scope: 'team',
      timeZone: 'Asia/Dubai',
      today: { start: '2026-11-30T20:00:00.000Z', end: '2026-12-01T20:00:00.000Z' },
    });
    expect(board).not.toHaveProperty('agentId');
    expect(titles(board.followUps.today)).toEqual(['kai 1', 'dana 1', 'dana 2']);
    expect(board.followUps.today.tasks).toMatchObject({ count: 3, countAtLeast: false, nextCursor: null });
    expect(board.leads.hot.items.map((l) => l.name)).toEqual(['Kai’s lead', 'Dana’s lead']);
    expect(world.dashboard.reads).toContain(`leads:${brokerageScope(DEFAULT_BROKERAGE_ID)}:hot`);
  });

  it('cuts the merged list at the limit and says the count may be more when an agent has more than a page', async () => {
    const { world, dana, kai } = await team();
    for (const hour of ['13', '15', '17']) world.addTask(dana, `2026-12-01T${hour}:00:00.000Z`);
    for (const hour of ['14', '16']) world.addTask(kai, `2026-12-01T${hour}:00:00.000Z`);

    const board = await loadDashboard(admin, { scope: 'team', limit: 2 }, world.deps);
    const tasks = board.followUps.today.tasks;

    expect(tasks.items.map((t) => t.dueAt)).toEqual(['2026-12-01T13:00:00.000Z', '2026-12-01T14:00:00.000Z']);
    expect(tasks).toMatchObject({ count: 5, countAtLeast: true, nextCursor: null });
  });

  it('says "more" for a team whose agent counted past the cap, even within one page', async () => {
    const { world, dana } = await team();
    for (let n = 0; n < 101; n++) world.addStep(dana, '2026-12-01T15:00:00.000Z');
    const counted: Dashboard['followUps']['today']['steps'] = (
      await loadDashboard(admin, { scope: 'team', limit: 50 }, world.deps)
    ).followUps.today.steps;
    expect(counted).toMatchObject({ count: 100, countAtLeast: true });
    expect(counted.items).toHaveLength(50);
  });

  it('gives a team of one agent that agent’s own exact count', async () => {
    const world = dashboardWorld('2026-12-01T12:00:00.000Z');
    await world.addAgent({ agentId: admin.agentId, email: admin.email, role: 'admin' });
    const lead = await world.addLead({ agentId: admin.agentId });
    for (const hour of ['13', '14', '15']) world.addTask(lead, `2026-12-01T${hour}:00:00.000Z`);

    const board = await loadDashboard(admin, { scope: 'team', limit: 2 }, world.deps);

    expect(board.followUps.today.tasks).toMatchObject({ count: 3, countAtLeast: false });
  });
});
