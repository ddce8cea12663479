import type { Lead, Temperature } from '../../schemas/api/leads';
import type { Page, PageRequest } from './page';
import type { Task } from './tasks';

/** Whose leads a bucket holds: one agent's, or the whole brokerage's (an admin's team view). */
export type LeadOwner = { agentId: string } | { brokerageId: string };

/** A due-time range, UTC: `from` inclusive, `before` exclusive. */
export interface DueRange {
  from?: string;
  before: string;
}

/** How many items a bucket holds, counted up to a cap: past it, `atLeast` says there are more. */
export interface BucketCount {
  count: number;
  atLeast: boolean;
}

/** A follow-up step planned to go out: the run's next step, while the run is running. */
export interface ScheduledStep {
  enrollmentId: string;
  leadId: string;
  agentId: string;
  stepIndex: number;
  channel?: 'whatsapp' | 'email' | 'call';
  dueAt: string;
  sequenceName: string;
}

/**
 * The reads behind the agent's dashboard, each one Query on an index whatever the number of leads:
 * open leads of one temperature by score, open tasks and planned follow-up steps by due time.
 */
export interface DashboardQueries {
  /** Open (not converted, not lost) leads of one temperature, highest score first. */
  leadsByTemperature(owner: LeadOwner, temperature: Temperature, page: PageRequest): Promise<Page<Lead>>;
  countLeads(owner: LeadOwner, temperature: Temperature, cap: number): Promise<BucketCount>;
  /**
   * Worked leads per temperature as the activity consumer keeps them (a second or so behind the writes),
   * in one batch read; undefined while the brokerage's older leads have not been counted in yet.
   */
  openLeadCounts(owner: LeadOwner, brokerageId: string): Promise<Record<Temperature, number> | undefined>;
  /** An agent's open tasks due in the range, soonest first. */
  dueTasks(agentId: string, range: DueRange, page: PageRequest): Promise<Page<Task>>;
  countDueTasks(agentId: string, range: DueRange, cap: number): Promise<BucketCount>;
  /** An agent's follow-up steps planned in the range, soonest first. */
  dueSteps(agentId: string, range: DueRange, page: PageRequest): Promise<Page<ScheduledStep>>;
  countDueSteps(agentId: string, range: DueRange, cap: number): Promise<BucketCount>;
}
