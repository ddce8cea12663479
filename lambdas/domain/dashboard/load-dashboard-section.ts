import type {
  DashboardSection,
  DashboardSectionQuery,
  ScheduledStepView,
} from '../../../schemas/api/dashboard';
import type { Lead, Temperature } from '../../../schemas/api/leads';
import type { DueTask } from '../../../schemas/api/tasks';
import type { Page } from '../../ports/page';
import type { Actor } from '../actor';
import { ValidationError } from '../errors';
import { dashboardOwner } from './dashboard-owner';
import type { DashboardDeps } from './deps';
import { followUpRanges, leadSummaries, withLead } from './follow-up-buckets';

const isTemperature = (section: DashboardSection): section is Temperature =>
  section === 'hot' || section === 'warm' || section === 'cold';

/**
 * The next page of one dashboard bucket, from the cursor the dashboard gave: open leads of a temperature,
 * or the agent's tasks or follow-up steps overdue or still due today. A team's follow-ups come per agent.
 */
export const loadDashboardSection = async (
  actor: Actor,
  section: DashboardSection,
  { limit, cursor, ...whose }: DashboardSectionQuery,
  deps: DashboardDeps,
): Promise<Page<Lead | DueTask | ScheduledStepView>> => {
  const owner = await dashboardOwner(actor, whose, deps);
  const page = { limit, ...(cursor !== undefined && { cursor }) };
  if (isTemperature(section)) {
    const leadOwner =
      owner.scope === 'agent' ? { agentId: owner.agentId } : { brokerageId: owner.brokerageId };
    const leads = await deps.dashboard.leadsByTemperature(leadOwner, section, page);
    return { ...leads, items: leads.items.filter((lead) => lead.brokerageId === actor.brokerageId) };
  }
  if (owner.scope === 'team') {
    throw new ValidationError([{ field: 'scope', message: 'team follow-ups page per agent: pass agentId' }]);
  }
  const range = followUpRanges(owner.timeZone, deps.clock.now())[
    section.endsWith('today') ? 'today' : 'overdue'
  ];
  const found = section.startsWith('tasks')
    ? await deps.dashboard.dueTasks(owner.agentId, range, page)
    : await deps.dashboard.dueSteps(owner.agentId, range, page);
  const items: Array<{ leadId: string }> = found.items;
  const summaries = await leadSummaries(
    actor.brokerageId,
    items.map((item) => item.leadId),
    deps,
  );
  return {
    items: withLead(found.items as Array<DueTask | ScheduledStepView>, summaries),
    nextCursor: found.nextCursor,
  };
};
