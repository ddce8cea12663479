import { ValidationError } from '../../lambdas/domain/errors';
import type {
  BucketCount,
  DashboardQueries,
  DueRange,
  LeadOwner,
  ScheduledStep,
} from '../../lambdas/ports/dashboard';
import type { Page, PageRequest } from '../../lambdas/ports/page';
import type { Task } from '../../lambdas/ports/tasks';
import type { Lead, Temperature } from '../../schemas/api/leads';

/** The dashboard's reads in memory, plus the data behind them and a log of the reads made. */
export interface InMemoryDashboard extends DashboardQueries {
  leads: Lead[];
  tasks: Task[];
  steps: ScheduledStep[];
  /** The open-lead counts the activity consumer keeps, by agent id or `brokerage#<id>`; unset until seeded. */
  counted?: Map<string, Record<Temperature, number>>;
  /** Each read: its name and whose. */
  reads: string[];
}

const ownerKey = (owner: LeadOwner) =>
  'agentId' in owner ? owner.agentId : `brokerage#${owner.brokerageId}`;

const owns = (owner: LeadOwner, lead: Lead) =>
  'agentId' in owner ? lead.agentId === owner.agentId : lead.brokerageId === owner.brokerageId;

const isOpen = (lead: Lead) => lead.status !== 'converted' && lead.status !== 'lost';

const inRange = (dueAt: string, { from, before }: DueRange) =>
  (from === undefined || dueAt >= from) && dueAt < before;

/**
 * One page after the cursor, like a Query with a limit: as the table does, a full page always carries a
 * cursor, even when nothing follows it. A cursor from another list is refused, naming the field.
 */
const pageOf = <T>(sorted: T[], list: string, { limit, cursor }: PageRequest): Page<T> => {
  let start = 0;
  if (cursor !== undefined) {
    const [of, at] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
    if (of !== list || at === undefined || !/^\d+$/.test(at)) {
      throw new ValidationError([{ field: 'cursor', message: 'is not a cursor from this list' }]);
    }
    start = Number(at);
  }
  const items = sorted.slice(start, start + limit);
  const end = start + items.length;
  return {
    items,
    nextCursor: items.length === limit ? Buffer.from(`${list}|${end}`).toString('base64url') : null,
  };
};

const capped = (total: number, cap: number): BucketCount => ({
  count: Math.min(total, cap),
  atLeast: total > cap,
});

export const createInMemoryDashboard = (): InMemoryDashboard => {
  const dashboard: InMemoryDashboard = {
    leads: [],
    tasks: [],
    steps: [],
    reads: [],

    async leadsByTemperature(owner, temperature, page) {
      dashboard.reads.push(`leads:${ownerKey(owner)}:${temperature}`);
      const matching = dashboard.leads
        .filter((lead) => owns(owner, lead) && isOpen(lead) && lead.temperature === temperature)
        .sort((a, b) => b.score - a.score || b.leadId.localeCompare(a.leadId));
      return pageOf(structuredClone(matching), `leads:${ownerKey(owner)}:${temperature}`, page);
    },
    async countLeads(owner, temperature, cap) {
      dashboard.reads.push(`countLeads:${ownerKey(owner)}:${temperature}`);
      const total = dashboard.leads.filter(
        (lead) => owns(owner, lead) && isOpen(lead) && lead.temperature === temperature,
      ).length;
      return capped(total, cap);
    },
    async openLeadCounts(owner) {
      dashboard.reads.push(`openLeadCounts:${ownerKey(owner)}`);
      if (!dashboard.counted) return undefined;
      return dashboard.counted.get(ownerKey(owner)) ?? { hot: 0, warm: 0, cold: 0 };
    },

    async dueTasks(agentId, range, page) {
      dashboard.reads.push(`tasks:${agentId}`);
      return pageOf(structuredClone(dueTasks(agentId, range)), `tasks:${agentId}`, page);
    },
    async countDueTasks(agentId, range, cap) {
      dashboard.reads.push(`countTasks:${agentId}`);
      return capped(dueTasks(agentId, range).length, cap);
    },
    async dueSteps(agentId, range, page) {
      dashboard.reads.push(`steps:${agentId}`);
      return pageOf(structuredClone(dueSteps(agentId, range)), `steps:${agentId}`, page);
    },
    async countDueSteps(agentId, range, cap) {
      dashboard.reads.push(`countSteps:${agentId}`);
      return capped(dueSteps(agentId, range).length, cap);
    },
  };

  const dueTasks = (agentId: string, range: DueRange) =>
    dashboard.tasks
      .filter((task) => task.agentId === agentId && task.status === 'open' && inRange(task.dueAt, range))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.taskId.localeCompare(b.taskId));
  const dueSteps = (agentId: string, range: DueRange) =>
    dashboard.steps
      .filter((step) => step.agentId === agentId && inRange(step.dueAt, range))
      .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.enrollmentId.localeCompare(b.enrollmentId));

  return dashboard;
};
