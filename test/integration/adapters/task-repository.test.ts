import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLeadRepository } from '../../../lambdas/adapters/dynamodb/lead-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createTaskRepository } from '../../../lambdas/adapters/dynamodb/task-repository';
import { NotFoundError, StaleVersionError, ValidationError } from '../../../lambdas/domain/errors';
import { LeadGoneError } from '../../../lambdas/domain/leads/lead-errors';
import type { LeadRepository } from '../../../lambdas/ports/lead-repository';
import type { Task, TaskRepository } from '../../../lambdas/ports/tasks';
import type { Lead } from '../../../schemas/api/leads';
import { createTestTable, scanTable } from '../../helpers/dynamodb';
import { createMockInteraction, createMockLead } from '../../helpers/factories';
import { cancelled, interceptedDocuments } from '../../helpers/intercepted-documents';

let tasks: TaskRepository;
let leads: LeadRepository;
let service: CrmService;
let tableName: string;
let table: ReturnType<typeof interceptedDocuments>;

const agentId = 'agent-okafor';

beforeAll(async () => {
  const created = await createTestTable();
  tableName = created.tableName;
  table = interceptedDocuments(created.client);
  service = createCrmService(table.documents, tableName);
  tasks = createTaskRepository(service);
  leads = createLeadRepository(service);
});

beforeEach(() => table.clear());

const newLead = async (overrides: Partial<Lead> = {}): Promise<Lead> => {
  const lead = createMockLead({
    agentId,
    brokerageId: 'brokerage-harbor',
    ...overrides,
  });
  await leads.create(lead, []);
  return lead;
};

const task = (lead: Lead, taskId: string, dueAt: string, overrides: Partial<Task> = {}): Task => ({
  taskId,
  leadId: lead.leadId,
  agentId,
  brokerageId: 'brokerage-harbor',
  kind: 'call',
  title: 'Call Nia about the loft viewing',
  dueAt,
  status: 'open',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  ...overrides,
});

const storedTasks = async (leadId: string) =>
  (await scanTable(tableName)).filter((item) => item.__edb_e__ === 'task' && item.leadId === leadId);

describe('creating a task', () => {
  it('returns the task as stored, with no empty fields, read consistently', async () => {
    const lead = await newLead();
    const reminder = task(lead, 'tk-plain', '2026-11-02T10:00:00.000Z', { kind: 'reminder' });
    await expect(tasks.create(reminder)).resolves.toStrictEqual({ task: reminder, created: true });

    table.clear();
    expect(await tasks.get('tk-plain')).toStrictEqual(reminder);
    expect(table.inputsOf('GetCommand')).toEqual([expect.objectContaining({ ConsistentRead: true })]);
    expect(table.inputsOf('QueryCommand')).toEqual([expect.objectContaining({ Limit: 1 })]);
  });

  it('tries again after a transaction conflict on the lead, and writes the task once', async () => {
    const lead = await newLead();
    table.clear();
    table.before(TransactWriteCommand, () => {
      throw cancelled('TransactionConflict', 'None');
    });
    table.before(TransactWriteCommand, () => {
      throw cancelled('TransactionConflict', 'None');
    });

    const result = await tasks.create(task(lead, 'tk-conflict', '2026-11-02T11:00:00.000Z'));

    expect(result.created).toBe(true);
    expect(table.inputsOf('TransactWriteCommand')).toHaveLength(3);
    expect(await storedTasks(lead.leadId)).toHaveLength(1);
  });

  it('gives up after three conflicts, naming the reasons, and writes nothing', async () => {
    const lead = await newLead();
    table.clear();
    for (let i = 0; i < 4; i++) {
      table.before(TransactWriteCommand, () => {
        throw cancelled('TransactionConflict', 'None');
      });
    }

    await expect(tasks.create(task(lead, 'tk-busy', '2026-11-02T12:00:00.000Z'))).rejects.toThrow(
      'Task tk-busy could not be created (TransactionConflict, None)',
    );
    expect(table.inputsOf('TransactWriteCommand')).toHaveLength(3);
    expect(await storedTasks(lead.leadId)).toEqual([]);
  });

  it('does not retry a refusal other than a conflict', async () => {
    const lead = await newLead();
    table.clear();
    table.before(TransactWriteCommand, () => {
      throw cancelled('None', 'ValidationError');
    });

    await expect(tasks.create(task(lead, 'tk-invalid', '2026-11-02T12:00:00.000Z'))).rejects.toThrow(
      'could not be created (None, ValidationError)',
    );
    expect(table.inputsOf('TransactWriteCommand')).toHaveLength(1);
  });

  it('fails when the task id was refused yet no task is there to return', async () => {
    const lead = await newLead();
    table.before(TransactWriteCommand, () => {
      throw cancelled('None', 'ConditionalCheckFailed');
    });

    await expect(tasks.create(task(lead, 'tk-vanished', '2026-11-02T12:00:00.000Z'))).rejects.toThrow(
      'Task tk-vanished could not be created (None, ConditionalCheckFailed)',
    );
  });

  it('fails on a refusal other than a conflict even when the task is there already', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-there', '2026-11-02T12:30:00.000Z'));
    table.clear();
    table.before(TransactWriteCommand, () => {
      throw cancelled('None', 'ValidationError');
    });

    await expect(tasks.create(task(lead, 'tk-there', '2026-11-02T12:30:00.000Z'))).rejects.toThrow(
      'Task tk-there could not be created (None, ValidationError)',
    );
  });

  it('returns the stored task, read consistently, when the same task is created again', async () => {
    const lead = await newLead();
    const first = task(lead, 'tk-twice', '2026-11-02T13:00:00.000Z', { note: 'Bring the floor plan' });
    await tasks.create(first);
    table.clear();

    const again = await tasks.create({ ...first, title: 'Something else' });

    expect(again).toStrictEqual({ task: first, created: false });
    expect(table.inputsOf('GetCommand')).toEqual([expect.objectContaining({ ConsistentRead: true })]);
  });
});

describe("listing an agent's due tasks", () => {
  let lead: Lead;
  beforeAll(async () => {
    lead = await newLead({ agentId: 'agent-lists' });
    const mine = (taskId: string, dueAt: string) => task(lead, taskId, dueAt, { agentId: 'agent-lists' });
    await tasks.create(mine('tk-a', '2026-11-10T09:00:00.000Z'));
    await tasks.create(mine('tk-b', '2026-11-10T10:00:00.000Z'));
    await tasks.create(mine('tk-c', '2026-11-10T11:00:00.000Z'));
    await tasks.create(mine('tk-d', '2026-11-11T09:00:00.000Z'));
    await tasks.create(mine('tk-done', '2026-11-10T09:30:00.000Z'));
    await tasks.complete('tk-done', { result: 'answered' }, new Date('2026-11-10T09:31:00.000Z'));
  });

  const ids = (page: { items: Task[] }) => page.items.map((t) => t.taskId);

  it('lists every open task soonest first when no range is given, leaving done ones out', async () => {
    const page = await tasks.listDue('agent-lists', { limit: 10 });
    expect(ids(page)).toEqual(['tk-a', 'tk-b', 'tk-c', 'tk-d']);
    expect(page.items[0]).toStrictEqual(
      task(lead, 'tk-a', '2026-11-10T09:00:00.000Z', { agentId: 'agent-lists' }),
    );
  });

  it('includes a task due exactly at the start of the range, and excludes one due exactly at its end', async () => {
    expect(
      ids(await tasks.listDue('agent-lists', { dueFrom: '2026-11-10T10:00:00.000Z', limit: 10 })),
    ).toEqual(['tk-b', 'tk-c', 'tk-d']);
    expect(
      ids(await tasks.listDue('agent-lists', { dueBefore: '2026-11-10T10:00:00.000Z', limit: 10 })),
    ).toEqual(['tk-a']);
    expect(
      ids(
        await tasks.listDue('agent-lists', {
          dueFrom: '2026-11-10T10:00:00.000Z',
          dueBefore: '2026-11-10T11:00:00.000Z',
          limit: 10,
        }),
      ),
    ).toEqual(['tk-b']);
  });

  it('pages at exactly the limit and continues from the cursor', async () => {
    const first = await tasks.listDue('agent-lists', { limit: 2 });
    expect(ids(first)).toEqual(['tk-a', 'tk-b']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const rest = await tasks.listDue('agent-lists', { limit: 2, cursor: first.nextCursor! });
    expect(ids(rest)).toEqual(['tk-c', 'tk-d']);
    const all = await tasks.listDue('agent-lists', { limit: 4 });
    expect(ids(all)).toHaveLength(4);
  });

  it('refuses a cursor that is not from this list as bad input', async () => {
    await expect(tasks.listDue('agent-lists', { limit: 2, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('completing a task', () => {
  it('stores the result, the note and the completion time, and moves it off the open list', async () => {
    const lead = await newLead({ agentId: 'agent-done' });
    await tasks.create(task(lead, 'tk-note', '2026-11-03T10:00:00.000Z', { agentId: 'agent-done' }));

    const done = await tasks.complete(
      'tk-note',
      { result: 'voicemail', note: 'Left a message' },
      new Date('2026-11-03T10:05:00.000Z'),
    );

    const expected = {
      ...task(lead, 'tk-note', '2026-11-03T10:00:00.000Z', { agentId: 'agent-done' }),
      status: 'done',
      result: 'voicemail',
      note: 'Left a message',
      completedAt: '2026-11-03T10:05:00.000Z',
      updatedAt: '2026-11-03T10:05:00.000Z',
    };
    expect(done).toStrictEqual(expected);
    expect(await tasks.get('tk-note')).toStrictEqual(expected);
    expect((await tasks.listDue('agent-done', { limit: 10 })).items).toEqual([]);
  });

  it('completes a reminder without a result or note, and writes neither', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-bare', '2026-11-03T11:00:00.000Z', { kind: 'reminder' }));
    const done = await tasks.complete('tk-bare', {}, new Date('2026-11-03T11:05:00.000Z'));
    expect(done).not.toHaveProperty('result');
    expect(done).not.toHaveProperty('note');
    const [stored] = await storedTasks(lead.leadId);
    expect(stored).not.toHaveProperty('result');
    expect(stored).not.toHaveProperty('note');
  });

  it('refuses a task that does not exist', async () => {
    const missing = tasks.complete('tk-nowhere', {}, new Date());
    await expect(missing).rejects.toBeInstanceOf(NotFoundError);
    await expect(missing).rejects.toThrow('Task was not found');
  });

  it('returns a task already done without writing anything', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-already', '2026-11-03T12:00:00.000Z'));
    const first = await tasks.complete(
      'tk-already',
      { result: 'busy' },
      new Date('2026-11-03T12:01:00.000Z'),
    );
    table.clear();
    const line = createMockInteraction({ leadId: lead.leadId, text: 'Called again' });

    const again = await tasks.complete(
      'tk-already',
      { result: 'answered' },
      new Date('2026-11-03T12:09:00.000Z'),
      {
        interactions: [line],
      },
    );

    expect(again).toStrictEqual(first);
    expect(table.inputsOf('TransactWriteCommand')).toEqual([]);
  });

  it("writes the completion's timeline lines with it", async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-lines', '2026-11-03T13:00:00.000Z'));
    const line = createMockInteraction({ leadId: lead.leadId, type: 'system', text: 'Call answered' });
    await tasks.complete('tk-lines', { result: 'answered' }, new Date('2026-11-03T13:02:00.000Z'), {
      interactions: [line],
    });
    const stored = (await scanTable(tableName)).filter((item) => item.interactionId === line.interactionId);
    expect(stored).toHaveLength(1);
  });

  it("refuses a lead change that moves another lead, or the lead's phone or email", async () => {
    const lead = await newLead({ phone: '+12125550171', email: 'nia.okafor@example.com' });
    await tasks.create(task(lead, 'tk-guard', '2026-11-03T14:00:00.000Z'));
    const other = createMockLead();
    const at = new Date('2026-11-03T14:05:00.000Z');
    const refused = "A task's completion changes only its own lead, and never its phone or email";

    await expect(
      tasks.complete('tk-guard', {}, at, { lead: { previous: other, next: other } }),
    ).rejects.toThrow(refused);
    await expect(
      tasks.complete('tk-guard', {}, at, {
        lead: { previous: lead, next: { ...lead, phone: '+12125550172' } },
      }),
    ).rejects.toThrow(refused);
    await expect(
      tasks.complete('tk-guard', {}, at, {
        lead: { previous: lead, next: { ...lead, email: 'nia@example.com' } },
      }),
    ).rejects.toThrow(refused);
    expect(await tasks.get('tk-guard')).toMatchObject({ status: 'open' });

    const next = { ...lead, version: lead.version + 1, notes: 'Prefers mornings' };
    await expect(
      tasks.complete('tk-guard', {}, at, { lead: { previous: lead, next } }),
    ).resolves.toMatchObject({
      status: 'done',
    });
  });

  it('keeps the other completion when someone completed the task in between', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-race', '2026-11-03T15:00:00.000Z'));
    const rival = createTaskRepository(createCrmService(table.documents, tableName));
    table.before(TransactWriteCommand, async () => {
      await rival.complete('tk-race', { result: 'answered' }, new Date('2026-11-03T15:01:00.000Z'));
    });

    const result = await tasks.complete('tk-race', { result: 'busy' }, new Date('2026-11-03T15:02:00.000Z'));

    expect(result).toMatchObject({
      status: 'done',
      result: 'answered',
      completedAt: '2026-11-03T15:01:00.000Z',
    });
    expect(await tasks.get('tk-race')).toMatchObject({ result: 'answered' });
  });

  it('reports a task removed in between as not found', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-removed', '2026-11-03T16:00:00.000Z'));
    table.before(TransactWriteCommand, () =>
      service.entities.task.delete({ leadId: lead.leadId, taskId: 'tk-removed' }).go(),
    );

    const removed = tasks.complete('tk-removed', {}, new Date('2026-11-03T16:01:00.000Z'));
    await expect(removed).rejects.toBeInstanceOf(NotFoundError);
    await expect(removed).rejects.toThrow('Task was not found');
  });

  it('refuses with LeadGoneError once an erase of the lead has begun, and writes nothing', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-erasing', '2026-11-03T17:00:00.000Z'));
    await service.entities.lead.patch({ leadId: lead.leadId }).set({ erasing: true }).go();

    await expect(
      tasks.complete('tk-erasing', {}, new Date('2026-11-03T17:01:00.000Z')),
    ).rejects.toBeInstanceOf(LeadGoneError);
    expect(await tasks.get('tk-erasing')).toMatchObject({ status: 'open' });
  });

  it('refuses with StaleVersionError when the lead changed since it was read', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-stale', '2026-11-03T18:00:00.000Z'));
    const next = { ...lead, version: lead.version + 1 };
    table.before(TransactWriteCommand, () =>
      service.entities.lead
        .patch({ leadId: lead.leadId })
        .set({ version: lead.version + 5 })
        .go(),
    );

    await expect(
      tasks.complete('tk-stale', {}, new Date('2026-11-03T18:01:00.000Z'), {
        lead: { previous: lead, next },
      }),
    ).rejects.toBeInstanceOf(StaleVersionError);
    expect(await tasks.get('tk-stale')).toMatchObject({ status: 'open' });
  });

  it('reads a transaction conflict as a stale version, and any other refusal as a failure', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-conflict-done', '2026-11-03T19:00:00.000Z'));
    table.before(TransactWriteCommand, () => {
      throw cancelled('None', 'TransactionConflict');
    });
    await expect(tasks.complete('tk-conflict-done', {}, new Date())).rejects.toBeInstanceOf(
      StaleVersionError,
    );

    table.before(TransactWriteCommand, () => {
      throw cancelled('None', 'None', 'ValidationError');
    });
    const failure = tasks.complete('tk-conflict-done', {}, new Date());
    await expect(failure).rejects.toThrow('Task tk-conflict-done could not be completed');
    await expect(failure).rejects.not.toBeInstanceOf(StaleVersionError);
    expect(await tasks.get('tk-conflict-done')).toMatchObject({ status: 'open' });
  });

  it('reads the task being completed consistently', async () => {
    const lead = await newLead();
    await tasks.create(task(lead, 'tk-consistent', '2026-11-03T20:00:00.000Z'));
    table.clear();
    await tasks.complete('tk-consistent', {}, new Date('2026-11-03T20:01:00.000Z'));
    const gets = table.inputsOf('GetCommand');
    expect(gets.length).toBeGreaterThan(0);
    for (const input of gets) expect(input).toMatchObject({ ConsistentRead: true });
  });
});
