import type { LeadSource, LeadStatus, Temperature } from '../../schemas/api/leads';
import type { Counts } from '../domain/analytics/counter-names';

/** What the activity consumer needs to know of a lead (read from the table or from a stream image). */
export interface LeadFacts {
  leadId: string;
  agentId: string;
  brokerageId: string;
  source: LeadSource;
  status: LeadStatus;
  temperature: Temperature;
  score: number;
  createdAt: string;
  outcome?: 'converted' | 'lost';
  /** Being erased: it is gone to readers already. */
  erasing?: boolean;
}

export type FeedKind = 'lead' | 'task' | 'interaction' | 'listing';

/** One change in a feed: ids only. */
export interface FeedChange {
  /** The feed: an agent's id, or a brokerage's listings feed (`listingsFeedOf`). */
  agentId: string;
  kind: FeedKind;
  entityId: string;
  leadId?: string;
  op: 'upsert' | 'delete';
  changedAt: string;
}

/** Counters to add to for one scope (an agent, or `brokerage#<id>`) on one day of the brokerage's calendar. */
export interface CounterIncrement {
  scope: string;
  day: string;
  counts: Counts;
}

/** A lead's "counted once" mark, with the time of what it counted. */
export interface ActivityMark {
  leadId: string;
  mark: string;
  at: string;
}

/** Where a lead is counted on the dashboard: its agent's (and brokerage's) worked leads of one temperature. */
export interface OpenLeadBucket {
  agentId: string;
  temperature: Temperature;
}

/** What a lead is counted as now: its bucket (none: not counted) and the revision to write on condition of. */
export interface OpenLeadMark {
  bucket?: OpenLeadBucket;
  /** 0 when the lead has no mark yet. */
  revision: number;
}

/** A lead taken out of one bucket and into another (either may be none), if its mark is still at `revision`. */
export interface OpenLeadMove {
  leadId: string;
  brokerageId: string;
  from?: OpenLeadBucket;
  to?: OpenLeadBucket;
  revision: number;
}

/** What one stream record adds: its feed changes, counters and marks, written together or not at all. */
export interface ActivityWrite {
  /** The stream record's id: the same record delivered again writes nothing. */
  receiptId: string;
  feed: FeedChange[];
  counters: CounterIncrement[];
  marks: ActivityMark[];
  /** The lead's move between open-lead counts, if it changed bucket. */
  openLead?: OpenLeadMove;
  at: string;
}

/** `duplicate`: this record was written before; `marks_taken`: a mark appeared or moved meanwhile (plan again). */
export type ActivityWriteResult = 'written' | 'duplicate' | 'marks_taken';

export interface ActivityStore {
  write(activity: ActivityWrite): Promise<ActivityWriteResult>;
  leadFacts(leadId: string): Promise<LeadFacts | undefined>;
  /** Whose lead a follow-up run is for. */
  leadOfRun(enrollmentId: string): Promise<string | undefined>;
  /** A lead's marks, each with the time of what it counted. */
  marksOf(leadId: string): Promise<Map<string, string>>;
  /** Which open-lead count the lead is in now (read consistently). */
  openLeadMark(leadId: string): Promise<OpenLeadMark>;
}
