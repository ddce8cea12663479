import type { Lead } from '../../schemas/api/leads';
import type { ScoringOutcomeRecord } from '../../schemas/api/outcomes';
import type { ScoreSnapshot } from '../../schemas/api/scores';
import type { Interaction } from '../../schemas/api/timeline';
import type { ScoringModel } from '../../schemas/scoring';
import type { LeadEvent } from './lead-events';
import type { Page, PageRequest } from './page';

/** A learned model as stored, with the version its next write must still match. */
export interface StoredScoringModel {
  scope: string;
  /** Undefined when what is stored can no longer be read (an older layout). */
  model: ScoringModel | undefined;
  version: number;
}

export interface ModelChange {
  scope: string;
  /** Absent when the model does not exist yet. */
  previousVersion?: number;
  next: ScoringModel;
}

/** Score history, learned models, and the writes that touch them together with the lead. */
export interface ScoreRepository {
  /** Saves a new score on the lead (guarded by the lead's version) together with its snapshot. */
  saveScore(previous: Lead, next: Lead, snapshot: ScoreSnapshot): Promise<void>;
  history(leadId: string, page: PageRequest): Promise<Page<ScoreSnapshot>>;
  latest(leadId: string): Promise<ScoreSnapshot | undefined>;
  models(brokerageId: string, scopes: string[]): Promise<StoredScoringModel[]>;
  /**
   * Closes the lead and teaches the models in one transaction: every part is guarded by the
   * version it was read at, so a concurrent outcome or edit makes the whole write fail (and retry).
   */
  saveOutcome(change: {
    previous: Lead;
    next: Lead;
    models: ModelChange[];
    note: Interaction;
    event: LeadEvent;
    /** What the models learned from, kept so an admin can review and void it. */
    record?: ScoringOutcomeRecord;
  }): Promise<void>;
  /** The brokerage's recorded outcomes, oldest first; optionally only those one agent recorded. */
  listOutcomes(
    brokerageId: string,
    page: PageRequest & { recordedBy?: string },
  ): Promise<Page<ScoringOutcomeRecord>>;
  getOutcome(brokerageId: string, outcomeId: string): Promise<ScoringOutcomeRecord | undefined>;
  /**
   * Marks an outcome void and stores the models with its evidence taken out, in one transaction
   * guarded by the models' versions and the outcome not being void already (either failing: StaleVersionError).
   */
  voidOutcome(change: {
    brokerageId: string;
    outcomeId: string;
    voidedAt: string;
    voidedBy: string;
    models: ModelChange[];
  }): Promise<void>;
}
