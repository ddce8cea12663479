import type { Lead } from '../../schemas/api/leads';
import { callResults } from '../../schemas/api/tasks';
import type { Interaction } from '../../schemas/api/timeline';
import type { Page, PageRequest } from './page';

/** What the agent records after a call; the `call_not_answered` condition reads it. */
export { callResults };
export type CallResult = (typeof callResults)[number];

export type TaskKind = 'call' | 'reminder';
export type TaskStatus = 'open' | 'done';

/** A thing for the agent to do about a lead: a call a follow-up step asks for, or their own reminder. */
export interface Task {
  /** A ULID for the agent's own tasks; `<enrollmentId>-<stepIndex>` for a step's call task. */
  taskId: string;
  leadId: string;
  agentId: string;
  brokerageId: string;
  kind: TaskKind;
  /** What to do, in a few words ("Call Ana about the 2-bed in Marina"). */
  title: string;
  note?: string;
  /** When it falls due (UTC). */
  dueAt: string;
  status: TaskStatus;
  /** Calls only, once completed. */
  result?: CallResult;
  completedAt?: string;
  /** Set on a follow-up step's task. */
  followUp?: { enrollmentId: string; stepIndex: number };
  createdAt: string;
  updatedAt: string;
}

export interface DueTasksRequest extends PageRequest {
  /** Open tasks due before this instant (UTC), soonest first; unbounded when absent. */
  dueBefore?: string;
  /** And not before this one, when given. */
  dueFrom?: string;
}

/** What a change of a task writes with it, all at once: lines on the lead's timeline, the lead's own change. */
export interface TaskActivity {
  interactions?: Interaction[];
  /** The lead as read and as it becomes (guarded by its version); its phone and email must not change here. */
  lead?: { previous: Lead; next: Lead };
}

export interface TaskRepository {
  /**
   * Conditional on the task id: a second create of the same task writes nothing and returns the
   * stored one, so a retried follow-up step never creates two call tasks. Written only while the
   * lead is alive (LeadGoneError otherwise), so an erase under way leaves no task behind.
   */
  create(
    task: Task,
    alongside?: Pick<TaskActivity, 'interactions'>,
  ): Promise<{ task: Task; created: boolean }>;
  get(taskId: string): Promise<Task | undefined>;
  /** Open tasks of one agent by due time. */
  listDue(agentId: string, request: DueTasksRequest): Promise<Page<Task>>;
  /**
   * Marks an open task done with its result, guarded so two completions never overwrite each
   * other; returns the stored task (unchanged when it was already done, and then nothing of
   * `alongside` is written). Rejects with StaleVersionError when `alongside.lead` changed since it
   * was read, and with LeadGoneError when the lead is erased or being erased.
   */
  complete(
    taskId: string,
    done: { result?: CallResult; note?: string },
    at: Date,
    alongside?: TaskActivity,
  ): Promise<Task>;
}
