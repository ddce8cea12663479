import { type Lead, temperatures } from '../../../schemas/api/leads';
import { sequenceStepSchema } from '../../../schemas/api/sequences';
import { brokerageScope } from '../../domain/activity/activity-change';
import type {
  BucketCount,
  DashboardQueries,
  DueRange,
  LeadOwner,
  ScheduledStep,
} from '../../ports/dashboard';
import type { Task } from '../../ports/tasks';
import type { FollowUpRunItem } from './entities/follow-up-run';
import type { LeadItem } from './entities/lead';
import type { TaskItem } from './entities/task';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

const withoutUndefined = <T>(item: object): T =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as T;

const toLead = ({ erasing: _erasing, ...item }: LeadItem): Lead => withoutUndefined<Lead>(item);

/** A filtered bucket reads a few pages at most: a page may come back short, with a cursor for the rest. */
const MAX_PAGES = 3;

interface RawCount {
  Count?: number;
  LastEvaluatedKey?: unknown;
}

/** A Query with `Select: COUNT`, stopped after `cap` items read: exact below the cap, a lower bound past it. */
const countOf = async (go: (options: object) => Promise<unknown>, cap: number): Promise<BucketCount> => {
  const raw = (await go({ data: 'raw', limit: cap, params: { Select: 'COUNT' } })) as { data?: RawCount };
  const page = (raw.data ?? raw) as RawCount;
  return { count: Math.min(page.Count ?? 0, cap), atLeast: page.LastEvaluatedKey !== undefined };
};

const toStep = (item: FollowUpRunItem): ScheduledStep | undefined => {
  const { agendaDueAt, agentId, leadId, sequence } = item;
  if (!agendaDueAt || !agentId || !leadId || !sequence) return undefined;
  const stepIndex = item.steps.findIndex(
    (step, index) => step.dueAt === agendaDueAt && !item.stepsRun.includes(index),
  );
  const planned = sequenceStepSchema.array().safeParse(JSON.parse(sequence.stepsJson));
  const channel =
    item.steps[stepIndex]?.channel ?? (planned.success ? planned.data[stepIndex]?.channel : undefined);
  return {
    enrollmentId: item.enrollmentId,
    leadId,
    agentId,
    stepIndex,
    ...(channel && { channel }),
    dueAt: agendaDueAt,
    sequenceName: sequence.name,
  };
};

/**
 * The dashboard's Queries: leads on gsi3 (agent + temperature, by score) or gsi6 (brokerage, by score,
 * temperature filtered), open tasks on gsi2 (agent + status, by due time), follow-up runs on their gsi2
 * agenda (agent, by next step's due time). Lead counts are the open-lead counts the activity consumer
 * keeps (one batch read); other counts, and lead counts before those are seeded, are capped `Select: COUNT`
 * Queries on the same keys.
 */
export const createDashboardQueries = (service: CrmService): DashboardQueries => {
  const { lead, task, followUpRun, openLeadCount } = service.entities;

  const leadQuery = (owner: LeadOwner, temperature: Lead['temperature']) => {
    // Converted and lost leads keep their temperature but are no longer worked: they leave the buckets.
    return 'agentId' in owner
      ? lead.query
          .byAgentTemperature({ agentId: owner.agentId, temperature })
          .where(({ status }, { ne }) => `${ne(status, 'converted')} AND ${ne(status, 'lost')}`)
      : lead.query
          .byBrokerageScore({ brokerageId: owner.brokerageId })
          .where(
            (attr, { eq, ne }) =>
              `${eq(attr.temperature, temperature)} AND ${ne(attr.status, 'converted')} AND ${ne(attr.status, 'lost')}`,
          );
  };
  const taskQuery = (agentId: string, { from, before }: DueRange) =>
    task.query.byAgentDue({ agentId, status: 'open' }).between({ dueAt: from ?? '' }, { dueAt: before });
  const stepQuery = (agentId: string, { from, before }: DueRange) =>
    followUpRun.query
      .byAgentAgenda({ agendaAgentId: agentId })
      .between({ agendaDueAt: from ?? '' }, { agendaDueAt: before });

  return {
    async leadsByTemperature(owner, temperature, { limit, cursor }) {
      const page = await withCursor(cursor, () =>
        leadQuery(owner, temperature).go({ order: 'desc', cursor, count: limit, pages: MAX_PAGES }),
      );
      return { items: page.data.filter((item) => !item.erasing).map(toLead), nextCursor: page.cursor };
    },
    countLeads: (owner, temperature, cap) =>
      countOf((options) => leadQuery(owner, temperature).go(options), cap),

    async openLeadCounts(owner, brokerageId) {
      const ownScope = brokerageScope(brokerageId);
      const scope = 'agentId' in owner ? owner.agentId : brokerageScope(owner.brokerageId);
      const keys = scope === ownScope ? [{ scope }] : [{ scope }, { scope: ownScope }];
      const { data, unprocessed } = await openLeadCount.get(keys).go();
      if (unprocessed.length > 0) return undefined;
      const seeded = data.find((item) => item.scope === ownScope)?.seededAt !== undefined;
      if (!seeded) return undefined;
      const counts = data.find((item) => item.scope === scope);
      // An agent of another brokerage (an admin naming a stranger's id) shows nothing.
      const theirs = counts !== undefined && counts.brokerageId === brokerageId;
      return Object.fromEntries(
        temperatures.map((t) => [t, theirs ? Math.max(0, counts[t] ?? 0) : 0]),
      ) as Record<(typeof temperatures)[number], number>;
    },

    async dueTasks(agentId, range, { limit, cursor }) {
      const page = await withCursor(cursor, () => taskQuery(agentId, range).go({ cursor, limit }));
      return {
        items: page.data.map((item: TaskItem) => withoutUndefined<Task>(item)),
        nextCursor: page.cursor,
      };
    },
    countDueTasks: (agentId, range, cap) => countOf((options) => taskQuery(agentId, range).go(options), cap),

    async dueSteps(agentId, range, { limit, cursor }) {
      const page = await withCursor(cursor, () => stepQuery(agentId, range).go({ cursor, limit }));
      return { items: page.data.flatMap((item) => toStep(item) ?? []), nextCursor: page.cursor };
    },
    countDueSteps: (agentId, range, cap) => countOf((options) => stepQuery(agentId, range).go(options), cap),
  };
};
