import { describe, expect, it } from 'vitest';
import { notifyDueTasks } from '../../../../lambdas/domain/notifications/notify-due-tasks';
import { fixedClock } from '../../../../lambdas/ports/clock';
import type { Task } from '../../../../lambdas/ports/tasks';
import { createMockProfile } from '../../../helpers/factories';
import { createInMemoryDeps } from '../../../helpers/in-memory-repositories';
import { createTaskWorld } from '../tasks/task-world';
import {
  createInMemoryDevices,
  createInMemoryNoticeLog,
  createMockDevice,
  createPushRecorder,
} from './push-world';

const NOW = '2026-03-02T14:00:00.000Z';
const LEAD_ID = '01JD7Q3M2Y9V1X8K4T6R5W0ZAB';

let sequence = 0;
const taskDue = (dueAt: string, overrides: Partial<Task> = {}): Task => {
  sequence += 1;
  return {
    taskId: `01JD7Q3M2Y9V1X8K4T6R5W2T${String(sequence).padStart(3, '0')}`,
    leadId: LEAD_ID,
    agentId: 'agent-dana-lee',
    brokerageId: 'brokerage-riverside',
    kind: 'call',
    title: 'Call Ana',
    dueAt,
    status: 'open',
    createdAt: '2026-03-01T09:00:00.000Z',
    updatedAt: '2026-03-01T09:00:00.000Z',
    ...overrides,
  };
};

const setup = async () => {
  const clock = fixedClock(NOW);
  const { agents } = createInMemoryDeps(clock);
  const { tasks } = createTaskWorld(clock);
  const devices = createInMemoryDevices();
  const recorder = createPushRecorder();
  await agents.createIfAbsent(createMockProfile());
  await agents.createIfAbsent(createMockProfile({ agentId: 'agent-omar-haddad', email: 'omar@example.com' }));
  await agents.createIfAbsent(
    createMockProfile({
      agentId: 'agent-lena-berg',
      brokerageId: 'brokerage-harbour',
      email: 'lena@example.com',
    }),
  );
  await devices.save(createMockDevice({ token: 'apns-token-dana' }));
  await devices.save(createMockDevice({ agentId: 'agent-omar-haddad', token: 'apns-token-omar' }));
  await devices.save(createMockDevice({ agentId: 'agent-lena-berg', token: 'apns-token-lena' }));
  const deps = {
    agents,
    tasks,
    devices,
    push: recorder.push,
    notices: createInMemoryNoticeLog(clock),
    clock,
    brokerageId: 'brokerage-riverside',
  };
  // Seeded straight into the store: the lead they are about is not what this job reads.
  const seed = (...due: Task[]) => {
    for (const task of due) tasks.stored.set(task.taskId, task);
  };
  return { clock, deps, recorder, seed };
};

describe('notifyDueTasks', () => {
  it('pushes each task that fell due in the window to its agent’s phones, saying what is due', async () => {
    const { deps, recorder, seed } = await setup();
    const call = taskDue('2026-03-02T13:50:00.000Z');
    const reminder = taskDue('2026-03-02T13:55:00.000Z', { kind: 'reminder', agentId: 'agent-omar-haddad' });
    seed(call, reminder);

    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 2 });

    expect(recorder.received).toEqual([
      {
        token: 'apns-token-dana',
        message: {
          title: 'A call is due',
          body: 'Open the app to see what to do and for whom.',
          data: { kind: 'task.due', taskId: call.taskId, leadId: LEAD_ID },
        },
      },
      {
        token: 'apns-token-omar',
        message: {
          title: 'A reminder is due',
          body: 'Open the app to see what to do and for whom.',
          data: { kind: 'task.due', taskId: reminder.taskId, leadId: LEAD_ID },
        },
      },
    ]);
  });

  it('takes a task due exactly fifteen minutes ago, and not one due a moment earlier or one due now', async () => {
    const { deps, recorder, seed } = await setup();
    const edge = taskDue('2026-03-02T13:45:00.000Z');
    seed(edge, taskDue('2026-03-02T13:44:59.999Z'), taskDue(NOW), taskDue('2026-03-02T16:00:00.000Z'));

    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 1 });
    expect(recorder.received.map((r) => r.message.data.taskId)).toEqual([edge.taskId]);
  });

  it('pushes a task once however often the job runs over it', async () => {
    const { deps, recorder, clock, seed } = await setup();
    seed(taskDue('2026-03-02T13:58:00.000Z'));
    await notifyDueTasks(deps);

    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 0 });
    clock.set('2026-03-02T14:05:00.000Z');
    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 0 });
    clock.set('2026-03-02T14:10:00.000Z');
    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 0 });

    expect(recorder.received).toHaveLength(1);
  });

  it('pushes a task again once it is moved to a new due time', async () => {
    const { deps, recorder, clock, seed } = await setup();
    const task = taskDue('2026-03-02T13:58:00.000Z');
    seed(task);
    await notifyDueTasks(deps);
    seed({ ...task, dueAt: '2026-03-02T14:20:00.000Z' });
    clock.set('2026-03-02T14:25:00.000Z');

    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 1 });
    expect(recorder.received).toHaveLength(2);
  });

  it('leaves done tasks and other brokerages’ agents alone', async () => {
    const { deps, recorder, seed } = await setup();
    seed(
      taskDue('2026-03-02T13:50:00.000Z', { status: 'done' }),
      taskDue('2026-03-02T13:50:00.000Z', { agentId: 'agent-lena-berg', brokerageId: 'brokerage-harbour' }),
    );

    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 0 });
    expect(recorder.received).toEqual([]);
  });

  it('reads every page of an agent’s due tasks', async () => {
    const { deps, recorder, seed } = await setup();
    const many = Array.from({ length: 101 }, (_, i) =>
      taskDue(new Date(Date.parse('2026-03-02T13:46:00.000Z') + i * 1000).toISOString()),
    );
    seed(...many);

    await expect(notifyDueTasks(deps)).resolves.toEqual({ notified: 101 });
    expect(new Set(recorder.received.map((r) => r.message.data.taskId)).size).toBe(101);
  });
});
