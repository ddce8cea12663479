import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDashboardQueries } from '../../../lambdas/adapters/dynamodb/dashboard-queries';
import { createFollowUpRunRepository } from '../../../lambdas/adapters/dynamodb/follow-up-run-repository';
import { type CrmService, createCrmService } from '../../../lambdas/adapters/dynamodb/service';
import { createTaskRepository } from '../../../lambdas/adapters/dynamodb/task-repository';
import { ValidationError } from '../../../lambdas/domain/errors';
import type { DashboardQueries } from '../../../lambdas/ports/dashboard';
import type { Task } from '../../../lambdas/ports/tasks';
import type { Lead } from '../../../schemas/api/leads';
import { createTestTable } from '../../helpers/dynamodb';
import { createMockLead } from '../../helpers/factories';
import { interceptedDocuments } from '../../helpers/intercepted-documents';
import { createMockSequence } from '../../helpers/sequences';

let dashboard: DashboardQueries;
let service: CrmService;
let table: ReturnType<typeof interceptedDocuments>;

const brokerageId = 'brokerage-bayside';
const agentId = 'agent-castillo';
const AT = new Date('2026-12-01T08:00:00.000Z');

beforeAll(async () => {
  const { client, tableName } = await createTestTable();
  table = interceptedDocuments(client);
  service = createCrmService(table.documents, tableName);
  dashboard = createDashboardQueries(service);
});

beforeEach(() => table.clear());

const putLead = async (overrides: Partial<Lead>): Promise<Lead> => {
  const lead = createMockLead({ agentId, brokerageId, temperature: 'hot', ...overrides });
  await service.entities.lead.create(lead).go();
  return lead;
};

describe('leads by temperature', () => {
  let best: Lead;
  beforeAll(async () => {
    best = await putLead({ score: 95, name: 'Lena Park' });
    await putLead({ score: 80 });
    await putLead({ score: 70 });
    await putLead({ score: 99, status: 'converted' });
    await putLead({ score: 98, status: 'lost' });
    await putLead({ score: 60, temperature: 'warm' });
    await putLead({ score: 97, agentId: 'agent-elsewhere' });
    const erasing = await putLead({ score: 96 });
    await service.entities.lead.patch({ leadId: erasing.leadId }).set({ erasing: true }).go();
  });

  it("lists an agent's worked leads of one temperature, best first, without the erase marker", async () => {
    const page = await dashboard.leadsByTemperature({ agentId }, 'hot', { limit: 10 });
    expect(page.items.map((lead) => lead.score)).toEqual([95, 80, 70]);
    expect(page.items[0]).toStrictEqual(best);
  });

  it("lists a brokerage's worked leads of one temperature, best first", async () => {
    const page = await dashboard.leadsByTemperature({ brokerageId }, 'hot', { limit: 10 });
    expect(page.items.map((lead) => lead.score)).toEqual([97, 95, 80, 70]);
    const warm = await dashboard.leadsByTemperature({ brokerageId }, 'warm', { limit: 10 });
    expect(warm.items.map((lead) => lead.score)).toEqual([60]);
  });

  it('pages with a cursor (a filtered page may come back short), and refuses a cursor not from this list', async () => {
    const scores: number[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await dashboard.leadsByTemperature({ agentId }, 'hot', {
        limit: 2,
        ...(cursor && { cursor }),
      });
      expect(page.items.length).toBeLessThanOrEqual(2);
      scores.push(...page.items.map((lead) => lead.score));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(scores).toEqual([95, 80, 70]);
    expect(pages).toBeGreaterThan(1);
    await expect(
      dashboard.leadsByTemperature({ agentId }, 'hot', { limit: 2, cursor: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('counts the bucket exactly below the cap and as a lower bound past it', async () => {
    expect(await dashboard.countLeads({ agentId }, 'hot', 50)).toEqual({ count: 4, atLeast: false });
    expect(await dashboard.countLeads({ agentId }, 'warm', 50)).toEqual({ count: 1, atLeast: false });
    expect(await dashboard.countLeads({ agentId }, 'cold', 50)).toEqual({ count: 0, atLeast: false });
    // Five hot leads are read before the filter; the cap stops the count at two of them.
    expect(await dashboard.countLeads({ agentId }, 'hot', 2)).toMatchObject({ atLeast: true });
    expect((await dashboard.countLeads({ agentId }, 'hot', 2)).count).toBeLessThanOrEqual(2);
    expect(await dashboard.countLeads({ brokerageId }, 'warm', 50)).toEqual({ count: 1, atLeast: false });
  });
});

describe('open lead counts', () => {
  const put = (scope: string, counts: Record<string, unknown>) =>
    service.entities.openLeadCount.put({ scope, ...counts }).go();

  it('are unknown until the brokerage was counted in once', async () => {
    await put('agent-unseeded', { brokerageId: 'brokerage-new', hot: 3 });
    expect(await dashboard.openLeadCounts({ agentId: 'agent-unseeded' }, 'brokerage-new')).toBeUndefined();
    await put('brokerage#brokerage-new', { brokerageId: 'brokerage-new', hot: 3 });
    expect(await dashboard.openLeadCounts({ brokerageId: 'brokerage-new' }, 'brokerage-new')).toBeUndefined();
  });

  it("reads an agent's and the brokerage's counts once seeded, a missing or negative count as zero", async () => {
    await put('brokerage#brokerage-seeded', {
      brokerageId: 'brokerage-seeded',
      hot: 5,
      warm: 2,
      cold: 1,
      seededAt: '2026-11-30T09:00:00.000Z',
    });
    await put('agent-seeded', { brokerageId: 'brokerage-seeded', hot: 4, cold: -1 });

    expect(await dashboard.openLeadCounts({ agentId: 'agent-seeded' }, 'brokerage-seeded')).toEqual({
      hot: 4,
      warm: 0,
      cold: 0,
    });
    expect(await dashboard.openLeadCounts({ brokerageId: 'brokerage-seeded' }, 'brokerage-seeded')).toEqual({
      hot: 5,
      warm: 2,
      cold: 1,
    });
    expect(await dashboard.openLeadCounts({ agentId: 'agent-without-leads' }, 'brokerage-seeded')).toEqual({
      hot: 0,
      warm: 0,
      cold: 0,
    });
  });

  it("shows nothing of another brokerage's agent or counts", async () => {
    await put('brokerage#brokerage-other', {
      brokerageId: 'brokerage-other',
      hot: 9,
      seededAt: '2026-11-30T09:00:00.000Z',
    });
    await put('agent-other', { brokerageId: 'brokerage-other', hot: 7 });
    await put('brokerage#brokerage-mine', {
      brokerageId: 'brokerage-mine',
      seededAt: '2026-11-30T09:00:00.000Z',
    });

    const none = { hot: 0, warm: 0, cold: 0 };
    expect(await dashboard.openLeadCounts({ agentId: 'agent-other' }, 'brokerage-mine')).toEqual(none);
    expect(await dashboard.openLeadCounts({ brokerageId: 'brokerage-other' }, 'brokerage-mine')).toEqual(
      none,
    );
  });

  it('reads the brokerage once when the brokerage asks, and both items when an agent asks', async () => {
    await dashboard.openLeadCounts({ brokerageId: 'brokerage-seeded' }, 'brokerage-seeded');
    const [keysOfBrokerage] = table
      .inputsOf('BatchGetCommand')
      .map((input) => Object.values(input.RequestItems as Record<string, { Keys: unknown[] }>)[0]?.Keys);
    expect(keysOfBrokerage).toHaveLength(1);
  });

  it('are unknown when the table hands keys back unread', async () => {
    table.instead(BatchGetCommand, () => {
      const { RequestItems } = (table.sent.at(-1)?.input ?? {}) as { RequestItems: Record<string, unknown> };
      return { Responses: {}, UnprocessedKeys: RequestItems };
    });
    expect(await dashboard.openLeadCounts({ agentId: 'agent-seeded' }, 'brokerage-seeded')).toBeUndefined();
  });
});

describe('due tasks and steps', () => {
  const task = (taskId: string, dueAt: string, leadId: string): Task => ({
    taskId,
    leadId,
    agentId: 'agent-agenda',
    brokerageId,
    kind: 'call',
    title: 'Call about the duplex',
    dueAt,
    status: 'open',
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
  });

  beforeAll(async () => {
    const lead = await putLead({ agentId: 'agent-agenda' });
    const tasks = createTaskRepository(service);
    await tasks.create(task('due-early', '2026-12-01T06:00:00.000Z', lead.leadId));
    await tasks.create(task('due-1', '2026-12-01T09:00:00.000Z', lead.leadId));
    await tasks.create(task('due-2', '2026-12-01T10:00:00.000Z', lead.leadId));
    await tasks.create(task('due-late', '2026-12-02T09:00:00.000Z', lead.leadId));
    await tasks.create(task('due-done', '2026-12-01T09:30:00.000Z', lead.leadId));
    await tasks.complete('due-done', {}, AT);

    const runs = createFollowUpRunRepository(service);
    const {
      sequenceId,
      version,
      name,
      temperature,
      steps: planned,
    } = createMockSequence({ name: 'Duplex viewers' });
    const enrolment = (leadId: string) => ({
      leadId,
      agentId: 'agent-agenda',
      enrolledAt: AT.toISOString(),
      sequence: { sequenceId, version, name, temperature, steps: planned },
    });
    // Step 1 is due first and carries no channel of its own: the sequence's plan says it is a call.
    await runs.create(
      {
        enrollmentId: 'enr-agenda-1',
        steps: [
          { dueAt: '2026-12-01T12:00:00.000Z', timeZone: 'UTC', channel: 'whatsapp' },
          { dueAt: '2026-12-01T09:15:00.000Z', timeZone: 'UTC' },
        ],
        enrolment: enrolment('lead-agenda-1'),
      },
      AT,
    );
    // A third step beyond the plan, due first, with no channel anywhere.
    await runs.create(
      {
        enrollmentId: 'enr-agenda-2',
        steps: [
          { dueAt: '2026-12-01T11:00:00.000Z', timeZone: 'UTC', channel: 'email' },
          { dueAt: '2026-12-01T11:00:00.000Z', timeZone: 'UTC', channel: 'call' },
          { dueAt: '2026-12-01T08:30:00.000Z', timeZone: 'UTC' },
        ],
        enrolment: enrolment('lead-agenda-2'),
      },
      AT,
    );
    // Two steps due at the same time: the one already run is not the one on the agenda.
    await runs.create(
      {
        enrollmentId: 'enr-agenda-3',
        steps: [
          { dueAt: '2026-12-01T10:30:00.000Z', timeZone: 'UTC', channel: 'whatsapp' },
          { dueAt: '2026-12-01T10:30:00.000Z', timeZone: 'UTC', channel: 'call' },
        ],
        enrolment: enrolment('lead-agenda-3'),
      },
      AT,
    );
    await runs.recordStepRan('enr-agenda-3', 0, AT);
    // On the agenda without a sequence (written before enrolments carried one): not shown.
    await service.entities.followUpRun
      .create({
        enrollmentId: 'enr-agenda-bare',
        status: 'running',
        steps: [{ dueAt: '2026-12-01T09:45:00.000Z', timeZone: 'UTC' }],
        stepsRun: [],
        updatedAt: AT.toISOString(),
        agendaAgentId: 'agent-agenda',
        agendaDueAt: '2026-12-01T09:45:00.000Z',
      })
      .go();
  });

  const day = { from: '2026-12-01T08:00:00.000Z', before: '2026-12-02T08:00:00.000Z' };

  it('lists the open tasks due in the range, soonest first, in pages', async () => {
    const page = await dashboard.dueTasks('agent-agenda', day, { limit: 10 });
    expect(page.items.map((t) => t.taskId)).toEqual(['due-1', 'due-2']);
    expect(page.items[0]).toStrictEqual(task('due-1', '2026-12-01T09:00:00.000Z', page.items[0]!.leadId));

    const overdue = await dashboard.dueTasks('agent-agenda', { before: day.from }, { limit: 10 });
    expect(overdue.items.map((t) => t.taskId)).toEqual(['due-early']);

    const first = await dashboard.dueTasks('agent-agenda', day, { limit: 1 });
    expect(first.items.map((t) => t.taskId)).toEqual(['due-1']);
    const rest = await dashboard.dueTasks('agent-agenda', day, { limit: 1, cursor: first.nextCursor! });
    expect(rest.items.map((t) => t.taskId)).toEqual(['due-2']);
    await expect(
      dashboard.dueTasks('agent-agenda', day, { limit: 1, cursor: 'nope' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('counts the due tasks, exactly under the cap', async () => {
    expect(await dashboard.countDueTasks('agent-agenda', day, 10)).toEqual({ count: 2, atLeast: false });
    expect(await dashboard.countDueTasks('agent-agenda', { before: day.before }, 10)).toEqual({
      count: 3,
      atLeast: false,
    });
    expect(await dashboard.countDueTasks('agent-agenda', { before: day.before }, 1)).toEqual({
      count: 1,
      atLeast: true,
    });
  });

  it('lists the next step of each running follow-up due in the range, with its channel and sequence', async () => {
    const page = await dashboard.dueSteps('agent-agenda', day, { limit: 10 });
    expect(page.items).toStrictEqual([
      {
        enrollmentId: 'enr-agenda-2',
        leadId: 'lead-agenda-2',
        agentId: 'agent-agenda',
        stepIndex: 2,
        dueAt: '2026-12-01T08:30:00.000Z',
        sequenceName: 'Duplex viewers',
      },
      {
        enrollmentId: 'enr-agenda-1',
        leadId: 'lead-agenda-1',
        agentId: 'agent-agenda',
        stepIndex: 1,
        channel: 'call',
        dueAt: '2026-12-01T09:15:00.000Z',
        sequenceName: 'Duplex viewers',
      },
      {
        enrollmentId: 'enr-agenda-3',
        leadId: 'lead-agenda-3',
        agentId: 'agent-agenda',
        stepIndex: 1,
        channel: 'call',
        dueAt: '2026-12-01T10:30:00.000Z',
        sequenceName: 'Duplex viewers',
      },
    ]);
    const first = await dashboard.dueSteps('agent-agenda', day, { limit: 1 });
    expect(first.items.map((step) => step.enrollmentId)).toEqual(['enr-agenda-2']);
    const rest = await dashboard.dueSteps('agent-agenda', day, { limit: 1, cursor: first.nextCursor! });
    expect(rest.items.map((step) => step.enrollmentId)).toEqual(['enr-agenda-1']);
    await expect(
      dashboard.dueSteps('agent-agenda', day, { limit: 1, cursor: 'nope' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('counts the due steps, exactly under the cap', async () => {
    expect(await dashboard.countDueSteps('agent-agenda', day, 10)).toEqual({ count: 4, atLeast: false });
    expect(await dashboard.countDueSteps('agent-agenda', { before: '2026-12-01T09:00:00.000Z' }, 10)).toEqual(
      {
        count: 1,
        atLeast: false,
      },
    );
    expect(await dashboard.countDueSteps('agent-agenda', day, 2)).toEqual({ count: 2, atLeast: true });
  });
});
