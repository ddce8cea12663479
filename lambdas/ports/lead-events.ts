export const leadEventTypes = [
  'lead.replied',
  'lead.opted_out',
  'lead.opted_in',
  'lead.outcome_recorded',
] as const;
export type LeadEventType = (typeof leadEventTypes)[number];

export interface LeadEvent {
  leadId: string;
  eventId: string;
  type: LeadEventType;
  channel?: string;
  occurredAt: string;
  data?: Record<string, unknown>;
}

/** What happened to a lead that other parts (the follow-up engine) react to. */
export interface LeadEventLog {
  record(event: LeadEvent): Promise<void>;
  /** A lead's events after a time, oldest first. */
  since(leadId: string, afterIso: string): Promise<LeadEvent[]>;
}
