import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createTaskRepository } from '../../../lambdas/adapters/dynamodb/task-repository';
import { LeadGoneError } from '../../../lambdas/domain/leads/lead-errors';
import type { LeadRepository } from '../../../lambdas/ports/lead-repository';
import type { Task, TaskRepository } from '../../../lambdas/ports/tasks';
import { createTestTable, scanTable } from '../../helpers/dynamodb';
import { createMockInteraction, createMockLead } from '../../helpers/factories';

let tasks: TaskRepository;
let leads: LeadRepository;
let tableName: string;
const lead = createMockLead({ agentId: 'agent-rivera', brokerageId: 'brokerage-riverside', name: 'Ana Sol' });

beforeAll(async () => {
  const table = await createTestTable();
  tableName = table.tableName;
  const documents = DynamoDBDocumentClient.from(table.client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  const service = createCrmService(documents, tableName);
  tasks = createTaskRepository(service);
  leads = createLeadRepository(service);
  await leads.create(lead, []);
});

const task = (taskId: string, dueAt: string, overrides: Partial<Task> = {}): Task => ({
  taskId,
  leadId: lead.leadId,
  agentId: 'agent-rivera',
  brokerageId: 'brokerage-riverside',
  kind: 'call',
  title: 'Call Ana about the 2-bed in Marina',
  dueAt,
  status: 'open',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  ...overrides,
});

describe('task repository (DynamoDB Local)', () => {
  it('creates a task once, whatever the retries, and finds it by id', async () => {
    const first = await tasks.create(
      task('enr-1-2', '2026-12-02T15:00:00.000Z', { followUp: { enrollmentId: 'enr-1', stepIndex: 2 } }),
    );
    const again = await tasks.create(task('enr-1-2', '2026-12-09T15:00:00.000Z', { title: 'Another title' }));

    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, task: { dueAt: '2026-12-02T15:00:00.000Z' } });
    expect(await tasks.get('enr-1-2')).toMatchObject({
      title: 'Call Ana about the 2-bed in Marina',
      followUp: { stepIndex: 2 },
    });
    expect(await tasks.get('no-such-task')).toBeUndefined();
  });

  it("lists an agent's open tasks due in a range, soonest first, in pages", async () => {
    await tasks.create(task('t-later', '2026-12-05T10:00:00.000Z'));
    await tasks.create(task('t-today-2', '2026-12-03T16:00:00.000Z'));
    await tasks.create(task('t-today-1', '2026-12-03T09:00:00.000Z'));
    await tasks.create(task('t-overdue', '2026-12-01T09:00:00.000Z'));
    await tasks.create(task('t-other-agent', '2026-12-03T10:00:00.000Z', { agentId: 'agent-chen' }));

    const today = await tasks.listDue('agent-rivera', {
      dueFrom: '2026-12-03T05:00:00.000Z',
      dueBefore: '2026-12-04T05:00:00.000Z',
      limit: 1,
    });
    expect(today.items.map((t) => t.taskId)).toEqual(['t-today-1']);
    const rest = await tasks.listDue('agent-rivera', {
      dueFrom: '2026-12-03T05:00:00.000Z',
      dueBefore: '2026-12-04T05:00:00.000Z',
      limit: 10,
      ...(today.nextCursor ? { cursor: today.nextCursor } : {}),
    });
    expect(rest.items.map((t) => t.taskId)).toEqual(['t-today-2']);

    const overdue = await tasks.listDue('agent-rivera', { dueBefore: '2026-12-03T05:00:00.000Z', limit: 10 });
    expect(overdue.items.map((t) => t.taskId)).toEqual(['t-overdue', 'enr-1-2']);
  });

  it('completes an open task once and drops it from the open list; a second completion keeps the first result', async () => {
    await tasks.create(task('t-call', '2026-12-01T08:00:00.000Z'));
    const done = await tasks.complete(
      't-call',
      { result: 'not_answered' },
      new Date('2026-12-01T08:30:00.000Z'),
    );
    const again = await tasks.complete(
      't-call',
      { result: 'answered' },
      new Date('2026-12-01T09:30:00.000Z'),
    );

    expect(done).toMatchObject({
      status: 'done',
      result: 'not_answered',
      completedAt: '2026-12-01T08:30:00.000Z',
    });
    expect(again).toMatchObject({ status: 'done', result: 'not_answered' });
    const open = await tasks.listDue('agent-rivera', { dueBefore: '2026-12-01T23:00:00.000Z', limit: 10 });
    expect(open.items.map((t) => t.taskId)).not.toContain('t-call');
  });

  it('writes a task with its timeline line at once, and neither once the lead is gone', async () => {
    const other = createMockLead({ agentId: 'agent-rivera', brokerageId: 'brokerage-riverside' });
    await leads.create(other, []);
    const line = createMockInteraction({ leadId: other.leadId, type: 'system', text: 'Call scheduled' });
    await tasks.create(task('t-with-line', '2026-12-04T10:00:00.000Z', { leadId: other.leadId }), {
      interactions: [line],
    });
    const stored = (await scanTable(tableName)).filter((item) => item.leadId === other.leadId);
    expect(stored.map((item) => item.__edb_e__).sort()).toEqual(['interaction', 'lead', 'task']);

    await leads.erase(other);
    expect((await scanTable(tableName)).filter((item) => item.leadId === other.leadId)).toEqual([]);
    await expect(
      tasks.create(task('t-after-erase', '2026-12-04T10:00:00.000Z', { leadId: other.leadId })),
    ).rejects.toBeInstanceOf(LeadGoneError);
    expect(await tasks.get('t-after-erase')).toBeUndefined();
  });

  it("completes a task together with the lead's change, guarded by the lead's version", async () => {
    await tasks.create(task('t-guarded', '2026-12-04T11:00:00.000Z'));
    const current = (await leads.get(lead.leadId))!;
    const next = { ...current, version: current.version + 1, lastInteractionAt: '2026-12-04T11:05:00.000Z' };
    const stale = { previous: { ...current, version: current.version + 7 }, next };

    await expect(
      tasks.complete('t-guarded', { result: 'busy' }, new Date('2026-12-04T11:05:00.000Z'), { lead: stale }),
    ).rejects.toMatchObject({ kind: 'stale_version' });
    expect(await tasks.get('t-guarded')).toMatchObject({ status: 'open' });

    const done = await tasks.complete('t-guarded', { result: 'busy' }, new Date('2026-12-04T11:05:00.000Z'), {
      lead: { previous: current, next },
    });
    expect(done).toMatchObject({ status: 'done', result: 'busy' });
    expect(await leads.get(lead.leadId)).toMatchObject({ lastInteractionAt: '2026-12-04T11:05:00.000Z' });
  });
});
