import { describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../lambdas/domain/errors';
import { listTasks } from '../../../../lambdas/domain/tasks/list-tasks';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { Task } from '../../../../lambdas/ports/tasks';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead, createMockProfile } from '../../../helpers/factories';
import { createTaskWorld, type TaskWorld } from './task-world';

/** 02:00 on 3 March in Dubai, 17:00 on 2 March in New York. */
const NOW = '2026-03-02T22:00:00.000Z';
const dana = createMockActor();
const admin = createMockActor({ agentId: 'agent-priya-shah', role: 'admin', email: 'priya@example.com' });

let sequence = 0;
const taskDue = (lead: Lead, dueAt: string, overrides: Partial<Task> = {}): Task => {
  sequence += 1;
  return {
    taskId: `01JD7Q3M2Y9V1X8K4T6R5W0Z${String(sequence).padStart(2, '0')}`,
    leadId: lead.leadId,
    agentId: lead.agentId,
    brokerageId: lead.brokerageId,
    kind: 'call',
    title: `Call ${lead.name}`,
    dueAt,
    status: 'open',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
};

const setup = async () => {
  const world = createTaskWorld(fixedClock(NOW));
  const ana = createMockLead({ name: 'Ana Souza', temperature: 'hot' });
  const ben = createMockLead({ name: 'Ben Okafor', temperature: 'cold' });
  await world.leads.create(ana, []);
  await world.leads.create(ben, []);
  const seed = async (...tasks: Task[]) => {
    for (const task of tasks) await world.tasks.create(task);
  };
  return { world, ana, ben, seed };
};

const dueTimes = async (world: TaskWorld, query: Parameters<typeof listTasks>[1], actor = dana) =>
  (await listTasks(actor, query, world)).items.map((task) => task.dueAt);

describe('listTasks', () => {
  it('reads today as the agent’s calendar day in their zone, from its first instant to the next day’s', async () => {
    const { world, ana, seed } = await setup();
    await world.agents.createIfAbsent(createMockProfile({ timezone: 'Asia/Dubai' }));
    await seed(
      taskDue(ana, '2026-03-03T19:59:59.999Z'),
      taskDue(ana, '2026-03-02T19:59:59.999Z'),
      taskDue(ana, '2026-03-02T20:00:00.000Z'),
      taskDue(ana, '2026-03-03T20:00:00.000Z'),
    );

    expect(await dueTimes(world, { due: 'today', limit: 20 })).toEqual([
      '2026-03-02T20:00:00.000Z',
      '2026-03-03T19:59:59.999Z',
    ]);
  });

  it('reads overdue as due before now, and upcoming as due from tomorrow on', async () => {
    const { world, ana, seed } = await setup();
    await world.agents.createIfAbsent(createMockProfile({ timezone: 'Asia/Dubai' }));
    await seed(
      taskDue(ana, '2026-03-02T19:00:00.000Z'),
      taskDue(ana, '2026-03-02T21:59:59.999Z'),
      taskDue(ana, NOW),
      taskDue(ana, '2026-03-03T20:00:00.000Z'),
    );

    expect(await dueTimes(world, { due: 'overdue', limit: 20 })).toEqual([
      '2026-03-02T19:00:00.000Z',
      '2026-03-02T21:59:59.999Z',
    ]);
    expect(await dueTimes(world, { due: 'upcoming', limit: 20 })).toEqual(['2026-03-03T20:00:00.000Z']);
  });

  it('uses the brokerage’s zone for an agent with no profile yet', async () => {
    const { world, ana, seed } = await setup();
    // Today in New York, but yesterday in Dubai.
    await seed(taskDue(ana, '2026-03-02T06:00:00.000Z'), taskDue(ana, '2026-03-02T04:59:59.999Z'));

    expect(await dueTimes(world, { due: 'today', limit: 20 })).toEqual(['2026-03-02T06:00:00.000Z']);
  });

  it('shows each task with its lead’s name and temperature', async () => {
    const { world, ana, ben, seed } = await setup();
    const first = taskDue(ben, '2026-03-02T15:00:00.000Z');
    const second = taskDue(ana, '2026-03-02T16:00:00.000Z', { kind: 'reminder' });
    await seed(second, first);

    const page = await listTasks(dana, { due: 'today', limit: 20 }, world);

    expect(page).toEqual({
      items: [
        { ...first, lead: { name: 'Ben Okafor', temperature: 'cold' } },
        { ...second, lead: { name: 'Ana Souza', temperature: 'hot' } },
      ],
      nextCursor: null,
    });
  });

  it('pages soonest first with the cursor it hands out', async () => {
    const { world, ana, seed } = await setup();
    await seed(
      taskDue(ana, '2026-03-02T17:00:00.000Z'),
      taskDue(ana, '2026-03-02T15:00:00.000Z'),
      taskDue(ana, '2026-03-02T16:00:00.000Z'),
    );

    const first = await listTasks(dana, { due: 'today', limit: 2 }, world);
    const second = await listTasks(
      dana,
      { due: 'today', limit: 2, cursor: first.nextCursor ?? undefined },
      world,
    );

    expect(first.items.map((task) => task.dueAt)).toEqual([
      '2026-03-02T15:00:00.000Z',
      '2026-03-02T16:00:00.000Z',
    ]);
    expect(first.nextCursor).not.toBeNull();
    expect(second).toMatchObject({ items: [{ dueAt: '2026-03-02T17:00:00.000Z' }], nextCursor: null });
  });

  it('leaves out a task whose lead is gone and one filed under another brokerage', async () => {
    const { world, ana, ben, seed } = await setup();
    await seed(
      taskDue(ana, '2026-03-02T15:00:00.000Z'),
      taskDue(ben, '2026-03-02T16:00:00.000Z'),
      taskDue(ana, '2026-03-02T17:00:00.000Z', { brokerageId: 'brokerage-harbour' }),
    );
    await world.leads.erase(ben);

    expect(await dueTimes(world, { due: 'today', limit: 20 })).toEqual(['2026-03-02T15:00:00.000Z']);
  });

  it('lets an agent name themselves, and answers 404 to an agent naming another', async () => {
    const { world, ana, seed } = await setup();
    await seed(taskDue(ana, '2026-03-02T15:00:00.000Z'));

    expect(await dueTimes(world, { due: 'today', limit: 20, agentId: dana.agentId })).toHaveLength(1);
    await expect(
      listTasks(dana, { due: 'today', limit: 20, agentId: 'agent-omar-haddad' }, world),
    ).rejects.toThrow(new NotFoundError('Agent'));
  });

  it('lets an admin read one of their agents’ lists, in that agent’s zone', async () => {
    const { world, ana, seed } = await setup();
    await world.agents.createIfAbsent(createMockProfile({ timezone: 'Asia/Dubai' }));
    await seed(taskDue(ana, '2026-03-02T06:00:00.000Z'), taskDue(ana, '2026-03-02T21:00:00.000Z'));

    expect(await dueTimes(world, { due: 'today', limit: 20, agentId: dana.agentId }, admin)).toEqual([
      '2026-03-02T21:00:00.000Z',
    ]);
    expect(await dueTimes(world, { due: 'today', limit: 20 }, admin)).toEqual([]);
  });

  it('answers 404 to an admin naming another brokerage’s agent', async () => {
    const { world } = await setup();
    await world.agents.createIfAbsent(
      createMockProfile({ agentId: 'agent-lena-berg', brokerageId: 'brokerage-harbour' }),
    );

    await expect(
      listTasks(admin, { due: 'today', limit: 20, agentId: 'agent-lena-berg' }, world),
    ).rejects.toThrow('Agent was not found');
  });
});
