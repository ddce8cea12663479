import type { ParkedLead } from '../../schemas/api/parked-leads';

export type { ParkedLead };

/** Why the last attempt to read a parked form failed. */
export interface LeadgenFetchFailure {
  /** Meta's error code, when Meta answered with one. */
  code?: number;
  reason: string;
}

/** Lead Ads forms waiting for Meta to let us read them, per brokerage. */
export interface ParkedLeadgenStore {
  /** Parks the form unless it already is; true when it was not parked before. */
  park(brokerageId: string, lead: ParkedLead): Promise<boolean>;
  /** Every parked form of the brokerage, oldest first. */
  list(brokerageId: string): Promise<ParkedLead[]>;
  /** One more failed attempt; nothing when the form is no longer parked. */
  recordAttempt(
    brokerageId: string,
    leadgenId: string,
    failure: LeadgenFetchFailure & { at: string },
  ): Promise<void>;
  remove(brokerageId: string, leadgenId: string): Promise<void>;
}
