import type { ActivityStore, ActivityWriteResult, LeadFacts } from '../../ports/activity-store';
import { counterName } from '../analytics/counter-names';
import { repliesArePushed } from '../notifications/notify-hot-reply';
import { type ActivityChange, dayOf } from './activity-change';
import { type ActivityPlan, countFor, emptyPlan, planLeadActivity } from './plan-lead-activity';
import { planMessageActivity, planReplyActivity } from './plan-message-activity';
import { mayMoveBucket, openBucketOf, openLeadMove } from './plan-open-lead';

export type RecordActivityDeps = {
  activity: ActivityStore;
  /** The brokerage's zone: counters are kept on its calendar days. */
  timeZone: string;
};

export interface RecordedActivity {
  result: ActivityWriteResult | 'nothing';
  /** The lead the change was about, when it was read (the push for a hot lead's reply needs it). */
  lead?: LeadFacts;
}

const sentStatuses = new Set(['sent', 'delivered', 'read', 'replied']);

/** The plan of one change: pure for leads, tasks and owned items; timeline, replies and steps read their lead. */
const planOf = async (
  change: ActivityChange,
  deps: RecordActivityDeps,
): Promise<{ plan: ActivityPlan; lead?: LeadFacts }> => {
  switch (change.kind) {
    case 'lead': {
      const plan = planLeadActivity(change.before, change.after, change.at, deps.timeZone);
      const lead = change.after ?? change.before;
      if (lead && mayMoveBucket(change.before, change.after)) {
        const mark = await deps.activity.openLeadMark(lead.leadId);
        const move = openLeadMove(lead.leadId, lead.brokerageId, mark, openBucketOf(change.after));
        if (move) plan.openLead = move;
      }
      return { plan };
    }
    case 'task':
    case 'owned': {
      const plan = emptyPlan();
      plan.feed.push({
        agentId: change.agentId,
        kind: change.kind === 'task' ? 'task' : change.feedKind,
        entityId: change.kind === 'task' ? change.taskId : change.entityId,
        ...(change.kind === 'task' && { leadId: change.leadId }),
        op: change.removed ? 'delete' : 'upsert',
        changedAt: change.at,
      });
      return { plan };
    }
    case 'interaction':
    case 'reply': {
      const leadId = change.kind === 'reply' ? change.leadId : (change.after ?? change.before)?.leadId;
      const lead = leadId ? await deps.activity.leadFacts(leadId) : undefined;
      // A lead gone or being erased takes its timeline with it: its tombstone is all the app needs.
      if (!lead || lead.erasing) return { plan: emptyPlan() };
      const marks = await deps.activity.marksOf(lead.leadId);
      return {
        lead,
        plan:
          change.kind === 'reply'
            ? planReplyActivity(lead, marks, change.channel, change.at, deps.timeZone)
            : planMessageActivity(lead, marks, change.before, change.after, change.at, deps.timeZone),
      };
    }
    case 'followUpStep': {
      const leadId = await deps.activity.leadOfRun(change.enrollmentId);
      const lead = leadId ? await deps.activity.leadFacts(leadId) : undefined;
      if (!lead || lead.erasing) return { plan: emptyPlan() };
      const counts: Record<string, number> = {};
      if (change.before === undefined && sentStatuses.has(change.after))
        counts[counterName.followUpsSent] = 1;
      if (change.after === 'replied' && change.before !== 'replied') counts[counterName.followUpsReplied] = 1;
      return {
        lead,
        plan: { ...emptyPlan(), counters: countFor(lead, dayOf(change.at, deps.timeZone), counts) },
      };
    }
    case 'skip':
      return { plan: emptyPlan() };
  }
};

/**
 * One stream record's activity: the agent's change feed, the analytics counters and the lead's move
 * between open-lead counts, written together with a receipt of the record, so a record delivered twice
 * counts once. A "counted once" mark that another writer took or moved meanwhile makes it plan again.
 * Flow: plan (read the lead and its marks when needed) → write everything in one transaction → done.
 */
export const recordActivity = async (
  receiptId: string,
  change: ActivityChange,
  deps: RecordActivityDeps,
): Promise<RecordedActivity> => {
  for (let attempt = 1; ; attempt++) {
    const { plan, lead } = await planOf(change, deps);
    // A hot lead's reply is pushed even when it counts nothing new (not its first reply): its receipt
    // alone is written, so a record delivered twice is pushed once.
    const pushed = change.kind === 'reply' && lead !== undefined && repliesArePushed(lead);
    if (plan.feed.length === 0 && plan.counters.length === 0 && !plan.openLead && !pushed)
      return { result: 'nothing', ...(lead && { lead }) };
    const at = change.kind === 'skip' ? new Date(0).toISOString() : change.at;
    const result = await deps.activity.write({ receiptId, ...plan, at });
    if (result !== 'marks_taken') return { result, ...(lead && { lead }) };
    if (attempt >= 3) throw new Error('Activity marks kept changing; the record is retried');
  }
};
