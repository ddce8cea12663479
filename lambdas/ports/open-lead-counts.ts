import type { LeadFacts, OpenLeadMark, OpenLeadMove } from './activity-store';
import type { Page } from './page';

/** A lead's facts with the version a write on it is guarded by. */
export interface VersionedLead {
  facts: LeadFacts;
  version: number;
}

/** A lead's move between counts, guarded by the lead's version. */
export interface GuardedMove {
  move: OpenLeadMove;
  version: number;
}

/** What the one-off recount of a brokerage's leads reads and writes (the activity consumer keeps them after). */
export interface OpenLeadRecountStore {
  /** A page of the brokerage's leads, from an index: possibly a moment old, so each move is guarded. */
  leadsOf(brokerageId: string, cursor?: string): Promise<Page<VersionedLead>>;
  /** The lead as it is now, or undefined when it is gone. */
  lead(leadId: string): Promise<VersionedLead | undefined>;
  openLeadMark(leadId: string): Promise<OpenLeadMark>;
  /**
   * The moves in one transaction (at most 25), each on condition its lead is still at `version` and
   * its mark at the revision read. `changed`: some lead or mark moved meanwhile and nothing was written.
   */
  move(moves: GuardedMove[]): Promise<'moved' | 'changed'>;
  /** Says the brokerage's counts now hold its older leads too: the dashboard trusts them from here on. */
  markSeeded(brokerageId: string, at: string): Promise<void>;
}
