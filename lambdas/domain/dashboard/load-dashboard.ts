import type { Dashboard, DashboardQuery } from '../../../schemas/api/dashboard';
import { type Lead, type Temperature, temperatures } from '../../../schemas/api/leads';
import type { BucketCount, DueRange, LeadOwner } from '../../ports/dashboard';
import type { Page } from '../../ports/page';
import type { Actor } from '../actor';
import { todayIn } from '../tasks/due-window';
import { type DashboardOwner, dashboardOwner } from './dashboard-owner';
import { COUNT_CAP, type DashboardDeps } from './deps';
import {
  type FollowUpWindow,
  followUpRanges,
  leadSummaries,
  stepsIn,
  tasksIn,
  withCount,
  withLead,
} from './follow-up-buckets';

type Counted<T> = Page<T> & BucketCount;

const bucket = <T>({ items, nextCursor, count, atLeast }: Counted<T>) => ({
  items,
  nextCursor,
  count,
  countAtLeast: atLeast,
});

/** One window's tasks and steps: the agent's own pages, or every team member's merged (soonest first, no cursor). */
const followUpsIn = async (owner: DashboardOwner, range: DueRange, limit: number, deps: DashboardDeps) => {
  const agentIds = owner.scope === 'agent' ? [owner.agentId] : owner.agentIds;
  const per = await Promise.all(
    agentIds.map(async (agentId) => {
      const [tasks, steps] = await Promise.all([
        tasksIn(agentId, range, limit, deps),
        stepsIn(agentId, range, limit, deps),
      ]);
      return { tasks, steps };
    }),
  );
  const merge = <T extends { dueAt: string }>(pages: Counted<T>[]): Counted<T> => {
    if (pages.length === 1 && pages[0]) return pages[0];
    return {
      items: pages
        .flatMap((page) => page.items)
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt))
        .slice(0, limit),
      nextCursor: null,
      count: pages.reduce((sum, page) => sum + page.count, 0),
      atLeast: pages.some((page) => page.atLeast || page.nextCursor !== null),
    };
  };
  return { tasks: merge(per.map((p) => p.tasks)), steps: merge(per.map((p) => p.steps)) };
};

/**
 * The agent's day on one screen: open hot, warm and cold leads (highest score first, a first page and a
 * count each), and the calls, reminders and follow-up steps that are overdue or still due today in the
 * agent's time zone. An admin may ask for one of their agents or for the whole team.
 * Flow: whose dashboard and their zone (1 read) → every bucket's Query at once, with the exact lead
 * counts (1 batch read; capped counts until they are seeded) and a capped count for a follow-up bucket
 * with more than one page → the leads behind tasks and steps in one batch read.
 */
export const loadDashboard = async (
  actor: Actor,
  { limit, ...whose }: DashboardQuery,
  deps: DashboardDeps,
): Promise<Dashboard> => {
  const owner = await dashboardOwner(actor, whose, deps);
  const now = deps.clock.now();
  const ranges = followUpRanges(owner.timeZone, now);
  const leadOwner: LeadOwner =
    owner.scope === 'agent' ? { agentId: owner.agentId } : { brokerageId: owner.brokerageId };

  const exact = deps.dashboard.openLeadCounts(leadOwner, actor.brokerageId);
  const leadBucket = async (temperature: Temperature): Promise<Counted<Lead>> => {
    const [first, counts] = await Promise.all([
      deps.dashboard.leadsByTemperature(leadOwner, temperature, { limit }),
      exact,
    ]);
    const counted = await withCount(Promise.resolve(first), async () =>
      counts
        ? { count: counts[temperature], atLeast: false }
        : deps.dashboard.countLeads(leadOwner, temperature, COUNT_CAP),
    );
    // An admin may name an id that is not theirs to see: nothing of another brokerage is shown.
    return { ...counted, items: counted.items.filter((lead) => lead.brokerageId === actor.brokerageId) };
  };
  const windows: FollowUpWindow[] = ['overdue', 'today'];
  const [hot, warm, cold, ...followUps] = await Promise.all([
    ...temperatures.map(leadBucket),
    ...windows.map((window) => followUpsIn(owner, ranges[window], limit, deps)),
  ]);
  const [overdue, today] = followUps as [
    Awaited<ReturnType<typeof followUpsIn>>,
    Awaited<ReturnType<typeof followUpsIn>>,
  ];

  const summaries = await leadSummaries(
    actor.brokerageId,
    [overdue, today].flatMap((w) => [...w.tasks.items, ...w.steps.items].map((item) => item.leadId)),
    deps,
  );
  const window = ({ tasks, steps }: Awaited<ReturnType<typeof followUpsIn>>) => ({
    tasks: bucket({ ...tasks, items: withLead(tasks.items, summaries) }),
    steps: bucket({ ...steps, items: withLead(steps.items, summaries) }),
  });
  const day = todayIn(owner.timeZone, now);
  return {
    scope: owner.scope,
    ...(owner.scope === 'agent' && { agentId: owner.agentId }),
    timeZone: owner.timeZone,
    today: { start: day.start.toISOString(), end: day.end.toISOString() },
    generatedAt: now.toISOString(),
    leads: {
      hot: bucket(hot as Counted<Lead>),
      warm: bucket(warm as Counted<Lead>),
      cold: bucket(cold as Counted<Lead>),
    },
    followUps: { overdue: window(overdue), today: window(today) },
  };
};
