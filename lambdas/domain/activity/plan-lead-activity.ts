import type {
  ActivityMark,
  CounterIncrement,
  FeedChange,
  LeadFacts,
  OpenLeadMove,
} from '../../ports/activity-store';
import { bandOf, type Counts, counterName } from '../analytics/counter-names';
import { dayOf, scopesOf } from './activity-change';

export interface ActivityPlan {
  feed: FeedChange[];
  counters: CounterIncrement[];
  marks: ActivityMark[];
  openLead?: OpenLeadMove;
}

export const emptyPlan = (): ActivityPlan => ({ feed: [], counters: [], marks: [] });

/** The same counts on the agent's and the brokerage's day. */
export const countFor = (lead: LeadFacts, day: string, counts: Counts): CounterIncrement[] =>
  Object.keys(counts).length === 0 ? [] : scopesOf(lead).map((scope) => ({ scope, day, counts }));

const visible = (lead: LeadFacts | undefined): lead is LeadFacts => lead !== undefined && !lead.erasing;

/** Which agents' feeds a lead change goes to: upsert for its owner, a delete when it left one or is erased. */
const leadFeed = (before: LeadFacts | undefined, after: LeadFacts | undefined, at: string): FeedChange[] => {
  const change = (lead: LeadFacts, op: FeedChange['op']): FeedChange => ({
    agentId: lead.agentId,
    kind: 'lead',
    entityId: lead.leadId,
    op,
    changedAt: at,
  });
  const feed: FeedChange[] = [];
  if (visible(before) && (!visible(after) || after.agentId !== before.agentId))
    feed.push(change(before, 'delete'));
  if (visible(after)) feed.push(change(after, 'upsert'));
  return feed;
};

/** Funnel, source and temperature counts of a lead's creation, status moves and outcome. */
const leadCounts = (before: LeadFacts | undefined, after: LeadFacts): Counts => {
  const counts: Counts = {};
  if (!before) {
    counts[counterName.leadsCreated] = 1;
    counts[counterName.createdBySource(after.source)] = 1;
    counts[counterName.createdByTemperature(after.temperature)] = 1;
    counts[counterName.statusEntered(after.status)] = 1;
    return counts;
  }
  if (before.status !== after.status) counts[counterName.statusEntered(after.status)] = 1;
  if (!before.outcome && after.outcome) {
    // Calibration reads the score the lead had before its outcome was known.
    const band = bandOf(before.score);
    counts[counterName.closedInBand(band)] = 1;
    counts[counterName.scoreSumInBand(band)] = before.score;
    if (after.outcome === 'converted') {
      counts[counterName.convertedInBand(band)] = 1;
      counts[counterName.convertedBySource(after.source)] = 1;
      counts[counterName.convertedByTemperature(before.temperature)] = 1;
    }
  }
  return counts;
};

/**
 * What a lead's change adds: its feed entries, and its counts on the day it happened in the brokerage's
 * zone (nothing for an erase).
 */
export const planLeadActivity = (
  before: LeadFacts | undefined,
  after: LeadFacts | undefined,
  at: string,
  timeZone: string,
): ActivityPlan => {
  const plan = emptyPlan();
  plan.feed = leadFeed(before, after, at);
  if (visible(after) && (before === undefined || visible(before))) {
    plan.counters = countFor(
      after,
      dayOf(before ? at : after.createdAt, timeZone),
      leadCounts(before, after),
    );
  }
  return plan;
};
