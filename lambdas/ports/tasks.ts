import type { Page, PageRequest } from './page';

/** What the agent records after a call; the `call_not_answered` condition reads it. */
export const callResults = ['answered', 'not_answered', 'voicemail', 'busy', 'wrong_number'] as const;
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
  /** Open tasks due before this instant (UTC), soonest first. */
  dueBefore: string;
  /** And not before this one, when given. */
  dueFrom?: string;
}

export interface TaskRepository {
  /**
   * Conditional on the task id: a second create of the same task writes nothing and returns the
   * stored one, so a retried follow-up step never creates two call tasks.
   */
  create(task: Task): Promise<{ task: Task; created: boolean }>;
  get(taskId: string): Promise<Task | undefined>;
  /** Open tasks of one agent by due time. */
  listDue(agentId: string, request: DueTasksRequest): Promise<Page<Task>>;
  /**
   * Marks an open task done with its result, guarded so two completions never overwrite each
   * other; returns the stored task (unchanged when it was already done).
   */
  complete(taskId: string, done: { result?: CallResult; note?: string }, at: Date): Promise<Task>;
}
