import type { Lead, LeadStatus, Temperature } from '../../schemas/api/leads';
import type { Interaction } from '../../schemas/api/timeline';
import type { Page, PageRequest } from './page';

export interface AgentLeadQuery extends PageRequest {
  agentId: string;
  sort: 'newest' | 'score';
  temperature?: Temperature;
  status?: LeadStatus;
}

export interface BrokerageLeadQuery extends PageRequest {
  brokerageId: string;
  sort: 'newest' | 'score';
  temperature?: Temperature;
  status?: LeadStatus;
}

export interface ContactClaim {
  kind: 'phone' | 'email';
  value: string;
}

/** Persistence of leads and the per-agent uniqueness of their phone and email. */
export interface LeadRepository {
  /** Writes the lead, its contact claims and its first interactions at once; DuplicateLeadError if claimed. */
  create(lead: Lead, interactions: Interaction[]): Promise<void>;
  /** A lead being erased is already gone, except to the erase that resumes it. */
  get(leadId: string, options?: { includeErasing?: boolean }): Promise<Lead | undefined>;
  /** The leads of these ids that exist and are not being erased, in one batched read; missing ones are left out. */
  getMany(leadIds: readonly string[]): Promise<Lead[]>;
  listForAgent(query: AgentLeadQuery): Promise<Page<Lead>>;
  listForBrokerage(query: BrokerageLeadQuery): Promise<Page<Lead>>;
  /** Replaces the lead if its stored version is still `expectedVersion`, swapping contact claims that changed. */
  update(previous: Lead, next: Lead): Promise<void>;
  /** Removes the lead, its claims and its whole timeline; safe to call again after a failure part-way. */
  erase(lead: Lead): Promise<void>;
  /** Leads of the brokerage holding this contact (E.164 phone or lower-case email). */
  findByContact(brokerageId: string, claim: ContactClaim): Promise<Lead[]>;
}
