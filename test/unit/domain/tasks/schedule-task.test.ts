import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../lambdas/domain/errors';
import { scheduleTask } from '../../../../lambdas/domain/tasks/schedule-task';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createTaskWorld } from './task-world';

const NOW = '2026-03-02T14:00:00.000Z';
const dana = createMockActor();

const setup = async (lead: Partial<Lead> = {}) => {
  const world = createTaskWorld(fixedClock(NOW));
  const stored = createMockLead({ name: 'Ana Souza', ...lead });
  await world.leads.create(stored, []);
  return { world, lead: stored };
};

describe('scheduleTask', () => {
  it('schedules a call titled after the lead’s first name, with a line on the timeline', async () => {
    const { world, lead } = await setup();

    const task = await scheduleTask(
      dana,
      lead.leadId,
      { kind: 'call', dueAt: '2026-03-05T10:30:00-05:00' },
      world,
    );

    expect(task).toMatchObject({
      leadId: lead.leadId,
      agentId: lead.agentId,
      brokerageId: lead.brokerageId,
      kind: 'call',
      title: 'Call Ana',
      dueAt: '2026-03-05T15:30:00.000Z',
      status: 'open',
      createdAt: NOW,
      updatedAt: NOW,
    });
    expect(task).not.toHaveProperty('note');
    expect(world.tasks.stored.get(task.taskId)).toEqual(task);
    expect(await world.timeline(lead.leadId)).toEqual([
      expect.objectContaining({
        type: 'system',
        direction: 'internal',
        text: 'Scheduled: Call Ana',
        occurredAt: NOW,
        createdBy: dana.agentId,
        metadata: { taskId: task.taskId, kind: 'call', dueAt: '2026-03-05T15:30:00.000Z' },
      }),
    ]);
  });

  it('titles a reminder "Follow up with" the first name', async () => {
    const { world, lead } = await setup();

    const task = await scheduleTask(
      dana,
      lead.leadId,
      { kind: 'reminder', dueAt: '2026-03-03T09:00:00Z' },
      world,
    );

    expect(task.title).toBe('Follow up with Ana');
  });

  it('titles a task for a lead with no name yet after "the lead"', async () => {
    const { world, lead } = await setup({ name: '' });

    const call = await scheduleTask(
      dana,
      lead.leadId,
      { kind: 'call', dueAt: '2026-03-03T09:00:00Z' },
      world,
    );
    const reminder = await scheduleTask(
      dana,
      lead.leadId,
      { kind: 'reminder', dueAt: '2026-03-03T09:00:00Z' },
      world,
    );

    expect([call.title, reminder.title]).toEqual(['Call the lead', 'Follow up with the lead']);
  });

  it('keeps the agent’s own title and note', async () => {
    const { world, lead } = await setup();

    const task = await scheduleTask(
      dana,
      lead.leadId,
      {
        kind: 'call',
        dueAt: '2026-03-03T09:00:00Z',
        title: 'Call about the offer',
        note: 'She asked for 5%',
      },
      world,
    );

    expect(task).toMatchObject({ title: 'Call about the offer', note: 'She asked for 5%' });
    expect((await world.timeline(lead.leadId))[0]?.text).toBe('Scheduled: Call about the offer');
  });

  it('gives the lead’s owner the task when a brokerage admin schedules it, and the line to the admin', async () => {
    const { world, lead } = await setup();
    const admin = createMockActor({ agentId: 'agent-priya-shah', role: 'admin', email: 'priya@example.com' });

    const task = await scheduleTask(
      admin,
      lead.leadId,
      { kind: 'call', dueAt: '2026-03-03T09:00:00Z' },
      world,
    );

    expect(task.agentId).toBe(dana.agentId);
    expect((await world.timeline(lead.leadId))[0]?.createdBy).toBe('agent-priya-shah');
  });

  it('accepts a due time up to five minutes in the past (a phone’s clock running behind)', async () => {
    const { world, lead } = await setup();

    const task = await scheduleTask(
      dana,
      lead.leadId,
      { kind: 'call', dueAt: '2026-03-02T13:55:00.000Z' },
      world,
    );

    expect(task.dueAt).toBe('2026-03-02T13:55:00.000Z');
  });

  it('refuses a due time more than five minutes in the past, naming dueAt, and writes nothing', async () => {
    const { world, lead } = await setup();

    const attempt = scheduleTask(
      dana,
      lead.leadId,
      { kind: 'call', dueAt: '2026-03-02T13:54:59.999Z' },
      world,
    );

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ field: 'dueAt', message: 'is in the past' }] });
    expect(world.tasks.stored.size).toBe(0);
    expect(await world.timeline(lead.leadId)).toEqual([]);
  });

  it('accepts a due time exactly a year ahead and refuses one a moment later, naming dueAt', async () => {
    const { world, lead } = await setup();

    const atTheEdge = await scheduleTask(
      dana,
      lead.leadId,
      { kind: 'reminder', dueAt: '2027-03-02T14:00:00.000Z' },
      world,
    );
    const attempt = scheduleTask(
      dana,
      lead.leadId,
      { kind: 'reminder', dueAt: '2027-03-02T14:00:00.001Z' },
      world,
    );

    expect(atTheEdge.dueAt).toBe('2027-03-02T14:00:00.000Z');
    await expect(attempt).rejects.toMatchObject({
      issues: [{ field: 'dueAt', message: 'must be within a year from now' }],
    });
    expect(world.tasks.stored.size).toBe(1);
  });

  it('answers 404 for another agent’s lead and writes nothing', async () => {
    const { world, lead } = await setup();
    const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar@example.com' });

    await expect(
      scheduleTask(omar, lead.leadId, { kind: 'call', dueAt: '2026-03-03T09:00:00Z' }, world),
    ).rejects.toBeInstanceOf(NotFoundError);
    expect(world.tasks.stored.size).toBe(0);
    expect(await world.timeline(lead.leadId)).toEqual([]);
  });
});
