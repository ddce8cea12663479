import { describe, expect, it } from 'vitest';
import { NotFoundError, ValidationError } from '../../../../lambdas/domain/errors';
import { completeTask } from '../../../../lambdas/domain/tasks/complete-task';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { Task } from '../../../../lambdas/ports/tasks';
import type { Lead } from '../../../../schemas/api/leads';
import { createMockActor, createMockLead } from '../../../helpers/factories';
import { createTaskWorld } from './task-world';

const SCHEDULED_AT = '2026-03-02T09:00:00.000Z';
const DONE_AT = '2026-03-02T16:45:00.000Z';
const dana = createMockActor();

const setup = async (task: Partial<Task> = {}, lead: Partial<Lead> = {}) => {
  const clock = fixedClock(SCHEDULED_AT);
  const world = createTaskWorld(clock);
  const stored = createMockLead({ name: 'Ana Souza', phone: '+12125550101', ...lead });
  await world.leads.create(stored, []);
  const seeded: Task = {
    taskId: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB',
    leadId: stored.leadId,
    agentId: stored.agentId,
    brokerageId: stored.brokerageId,
    kind: 'call',
    title: 'Call Ana',
    note: 'Ask about the 2-bed in Marina',
    dueAt: '2026-03-02T15:00:00.000Z',
    status: 'open',
    createdAt: SCHEDULED_AT,
    updatedAt: SCHEDULED_AT,
    ...task,
  };
  await world.tasks.create(seeded);
  clock.set(DONE_AT);
  return { world, lead: stored, task: seeded, clock };
};

describe('completeTask', () => {
  it('marks a call done with its result and records it on the timeline and as the lead’s last contact', async () => {
    const { world, lead, task } = await setup();

    const done = await completeTask(dana, task.taskId, { result: 'answered' }, world);

    expect(done).toMatchObject({
      taskId: task.taskId,
      status: 'done',
      result: 'answered',
      completedAt: DONE_AT,
      note: 'Ask about the 2-bed in Marina',
    });
    expect(world.tasks.stored.get(task.taskId)?.status).toBe('done');
    expect(await world.timeline(lead.leadId)).toEqual([
      expect.objectContaining({
        type: 'call',
        direction: 'outbound',
        text: 'Call answered',
        occurredAt: DONE_AT,
        createdBy: dana.agentId,
        metadata: { taskId: task.taskId, result: 'answered' },
      }),
    ]);
    expect(await world.leads.get(lead.leadId)).toMatchObject({
      lastInteractionAt: DONE_AT,
      version: lead.version + 1,
      updatedAt: DONE_AT,
      phone: '+12125550101',
    });
  });

  it.each([
    ['not_answered', 'Call not answered'],
    ['voicemail', 'Call went to voicemail'],
    ['busy', 'Line busy'],
  ] as const)('words a %s call as "%s", followed by the agent’s note', async (result, words) => {
    const { world, lead, task } = await setup();

    await completeTask(dana, task.taskId, { result, note: 'Try again after 6pm' }, world);

    const [line] = await world.timeline(lead.leadId);
    expect(line?.text).toBe(`${words}: Try again after 6pm`);
    expect(world.tasks.stored.get(task.taskId)).toMatchObject({ result, note: task.note });
  });

  it('marks the lead’s phone undeliverable when the number was wrong, with a line saying so', async () => {
    const { world, lead, task } = await setup();

    await completeTask(dana, task.taskId, { result: 'wrong_number' }, world);

    expect((await world.leads.get(lead.leadId))?.phoneStatus).toBe('invalid');
    const texts = (await world.timeline(lead.leadId)).map((line) => line.text).sort();
    expect(texts).toEqual(['The number was wrong when called: marked undeliverable', 'Wrong number']);
    const marked = (await world.timeline(lead.leadId)).find((line) => line.type === 'system');
    expect(marked).toMatchObject({
      direction: 'internal',
      metadata: { channel: 'call', taskId: task.taskId },
    });
  });

  it('adds no second undeliverable line for a number already marked so', async () => {
    const { world, lead, task } = await setup({}, { phoneStatus: 'invalid' });

    await completeTask(dana, task.taskId, { result: 'wrong_number' }, world);

    expect((await world.timeline(lead.leadId)).map((line) => line.type)).toEqual(['call']);
    expect((await world.leads.get(lead.leadId))?.phoneStatus).toBe('invalid');
  });

  it('marks nothing undeliverable for a lead without a phone', async () => {
    const { world, lead, task } = await setup({}, { phone: undefined });

    await completeTask(dana, task.taskId, { result: 'wrong_number' }, world);

    expect((await world.timeline(lead.leadId)).map((line) => line.type)).toEqual(['call']);
    expect((await world.leads.get(lead.leadId))?.phoneStatus).toBeUndefined();
  });

  it('leaves the phone as it was for any other result', async () => {
    const { world, lead, task } = await setup();

    await completeTask(dana, task.taskId, { result: 'busy' }, world);

    expect((await world.leads.get(lead.leadId))?.phoneStatus).toBeUndefined();
    expect(await world.timeline(lead.leadId)).toHaveLength(1);
  });

  it('keeps a later last contact the lead already has', async () => {
    const later = '2026-03-02T17:00:00.000Z';
    const { world, lead, task } = await setup({}, { lastInteractionAt: later });

    await completeTask(dana, task.taskId, { result: 'answered' }, world);

    expect((await world.leads.get(lead.leadId))?.lastInteractionAt).toBe(later);
  });

  it('completes a reminder with a "Done" line and leaves the lead untouched', async () => {
    const { world, lead, task } = await setup({ kind: 'reminder', title: 'Send Ana the brochure' });

    const done = await completeTask(dana, task.taskId, {}, world);

    expect(done).toMatchObject({ status: 'done', completedAt: DONE_AT });
    expect(done.result).toBeUndefined();
    expect(await world.timeline(lead.leadId)).toEqual([
      expect.objectContaining({
        type: 'system',
        direction: 'internal',
        text: 'Done: Send Ana the brochure',
        occurredAt: DONE_AT,
        createdBy: dana.agentId,
        metadata: { taskId: task.taskId },
      }),
    ]);
    expect(await world.leads.get(lead.leadId)).toEqual(lead);
  });

  it('adds the agent’s note to a reminder’s line', async () => {
    const { world, lead, task } = await setup({ kind: 'reminder', title: 'Send Ana the brochure' });

    await completeTask(dana, task.taskId, { note: 'Sent by email' }, world);

    const [line] = await world.timeline(lead.leadId);
    expect(line?.text).toBe('Done: Send Ana the brochure. Sent by email');
  });

  it('refuses a call without a result, naming result, and changes nothing', async () => {
    const { world, lead, task } = await setup();

    const attempt = completeTask(dana, task.taskId, {}, world);

    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      issues: [{ field: 'result', message: 'is required to complete a call' }],
    });
    expect(world.tasks.stored.get(task.taskId)?.status).toBe('open');
    expect(await world.timeline(lead.leadId)).toEqual([]);
  });

  it('refuses a reminder with a result, naming result, and changes nothing', async () => {
    const { world, lead, task } = await setup({ kind: 'reminder' });

    const attempt = completeTask(dana, task.taskId, { result: 'answered' }, world);

    await expect(attempt).rejects.toMatchObject({
      issues: [{ field: 'result', message: 'is only for calls' }],
    });
    expect(world.tasks.stored.get(task.taskId)?.status).toBe('open');
    expect(await world.timeline(lead.leadId)).toEqual([]);
  });

  it('answers a repeat with the task as first completed, writing nothing more', async () => {
    const { world, lead, task, clock } = await setup();
    await completeTask(dana, task.taskId, { result: 'not_answered' }, world);
    const leadAfterFirst = await world.leads.get(lead.leadId);
    clock.set('2026-03-02T18:00:00.000Z');

    const again = await completeTask(dana, task.taskId, { result: 'answered' }, world);

    expect(again).toMatchObject({ result: 'not_answered', completedAt: DONE_AT });
    expect(await world.timeline(lead.leadId)).toHaveLength(1);
    expect(await world.leads.get(lead.leadId)).toEqual(leadAfterFirst);
  });

  it('answers 404 for a missing task and for another agent’s, changing nothing', async () => {
    const { world, lead, task } = await setup();
    const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar@example.com' });

    await expect(completeTask(dana, 'missing-task', { result: 'answered' }, world)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(completeTask(omar, task.taskId, { result: 'answered' }, world)).rejects.toThrow(
      'Task was not found',
    );
    expect(world.tasks.stored.get(task.taskId)?.status).toBe('open');
    expect(await world.timeline(lead.leadId)).toEqual([]);
  });

  it('lets an admin of the brokerage complete an agent’s task, recorded as theirs; not another brokerage’s admin', async () => {
    const { world, lead, task } = await setup();
    const admin = createMockActor({ agentId: 'agent-priya-shah', role: 'admin', email: 'priya@example.com' });
    const outsider = createMockActor({ ...admin, brokerageId: 'brokerage-harbour' });

    await expect(completeTask(outsider, task.taskId, { result: 'answered' }, world)).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await completeTask(admin, task.taskId, { result: 'answered' }, world);

    const [line] = await world.timeline(lead.leadId);
    expect(line?.createdBy).toBe('agent-priya-shah');
  });

  it('answers 404 when the task’s lead is gone, and leaves the task open', async () => {
    const { world, lead, task } = await setup();
    await world.leads.erase(lead);

    await expect(completeTask(dana, task.taskId, { result: 'answered' }, world)).rejects.toThrow(
      new NotFoundError('Task'),
    );
    expect(world.tasks.stored.get(task.taskId)?.status).toBe('open');
  });

  it('answers 404 when the lead is erased while the task is being completed', async () => {
    const { world, lead, task } = await setup();
    world.tasks.raceNextCompletion(() => world.leads.erase(lead));

    await expect(completeTask(dana, task.taskId, { result: 'answered' }, world)).rejects.toThrow(
      'Task was not found',
    );
    expect(world.tasks.stored.get(task.taskId)?.status).toBe('open');
  });

  it('completes on the fresh lead when the lead changed meanwhile, keeping that change', async () => {
    const { world, lead, task } = await setup();
    world.tasks.raceNextCompletion(async () => {
      const current = (await world.leads.get(lead.leadId)) as Lead;
      await world.leads.update(current, { ...current, score: 72, version: current.version + 1 });
    });

    await completeTask(dana, task.taskId, { result: 'wrong_number' }, world);

    expect(await world.leads.get(lead.leadId)).toMatchObject({
      score: 72,
      phoneStatus: 'invalid',
      lastInteractionAt: DONE_AT,
      version: lead.version + 2,
    });
    expect(await world.timeline(lead.leadId)).toHaveLength(2);
  });
});
