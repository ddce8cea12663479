import type { Temperature } from '../../../schemas/api/leads';
import type { BucketCount, DueRange } from '../../ports/dashboard';
import type { Page } from '../../ports/page';
import { todayIn } from '../tasks/due-window';
import { COUNT_CAP, type DashboardDeps } from './deps';

export type FollowUpWindow = 'today' | 'overdue';

export interface LeadSummary {
  name: string;
  temperature: Temperature;
}

/**
 * The two follow-up windows, disjoint: overdue is anything still open that was due before now; today
 * runs from now to the end of the agent's calendar day in their zone (23 or 25 hours on a
 * daylight-saving day).
 */
export const followUpRanges = (timeZone: string, now: Date): Record<FollowUpWindow, DueRange> => {
  const { end } = todayIn(timeZone, now);
  return {
    overdue: { before: now.toISOString() },
    today: { from: now.toISOString(), before: end.toISOString() },
  };
};

/** A first page with its count: the page's own length when it is the whole bucket, else a capped count. */
export const withCount = async <T>(
  page: Promise<Page<T>>,
  count: () => Promise<BucketCount>,
): Promise<Page<T> & BucketCount> => {
  const first = await page;
  if (first.nextCursor === null) return { ...first, count: first.items.length, atLeast: false };
  const counted = await count();
  return { ...first, count: Math.max(counted.count, first.items.length), atLeast: counted.atLeast };
};

export const tasksIn = (
  agentId: string,
  range: DueRange,
  limit: number,
  deps: Pick<DashboardDeps, 'dashboard'>,
) =>
  withCount(deps.dashboard.dueTasks(agentId, range, { limit }), () =>
    deps.dashboard.countDueTasks(agentId, range, COUNT_CAP),
  );

export const stepsIn = (
  agentId: string,
  range: DueRange,
  limit: number,
  deps: Pick<DashboardDeps, 'dashboard'>,
) =>
  withCount(deps.dashboard.dueSteps(agentId, range, { limit }), () =>
    deps.dashboard.countDueSteps(agentId, range, COUNT_CAP),
  );

/**
 * What the phone shows of each lead behind these tasks and steps, read in one batch. A lead that is gone
 * (being erased) or belongs to another brokerage is left out, and so are its items.
 */
export const leadSummaries = async (
  brokerageId: string,
  leadIds: string[],
  deps: Pick<DashboardDeps, 'leads'>,
): Promise<Map<string, LeadSummary>> => {
  const leads = leadIds.length === 0 ? [] : await deps.leads.getMany(leadIds);
  return new Map(
    leads
      .filter((lead) => lead.brokerageId === brokerageId)
      .map((lead) => [lead.leadId, { name: lead.name, temperature: lead.temperature }]),
  );
};

/** Each item with its lead's summary; an item whose lead is not in `summaries` is dropped. */
export const withLead = <T extends { leadId: string }>(
  items: T[],
  summaries: Map<string, LeadSummary>,
): Array<T & { lead: LeadSummary }> =>
  items.flatMap((item) => {
    const lead = summaries.get(item.leadId);
    return lead ? [{ ...item, lead }] : [];
  });
