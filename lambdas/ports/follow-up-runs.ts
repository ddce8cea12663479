import { stepResultStatuses } from '../../schemas/api/follow-ups';
import type { Channel, SequenceSnapshot } from '../../schemas/api/sequences';

/**
 * One step of a run: when it goes out (UTC) and in which zone. An enrolment from a sequence plans
 * them from its snapshot, so they also say the channel and the lead's wall time.
 */
export interface FollowUpRunStep {
  dueAt: string;
  timeZone: string;
  channel?: Channel;
  leadLocalTime?: string;
  /** How many times a send was put off by a passing channel error (bounded, then the step fails). */
  sendAttempts?: number;
}

/** A step moved to a later time before it ran (quiet hours at wake, an early wake, a channel error). */
export interface StepReschedule {
  dueAt: string;
  leadLocalTime?: string;
  sendAttempts?: number;
  /** The step was claimed and nothing went out (a passing channel error): give the claim back. */
  releaseClaim?: boolean;
}

/** Whose lead a run follows up and the copy of the sequence it runs. */
export interface FollowUpEnrolment {
  leadId: string;
  agentId: string;
  sequence: SequenceSnapshot;
  enrolledAt: string;
}

/** `paused`: the agent paused it; nothing goes out until it is resumed (or stopped). */
export type FollowUpRunStatus = 'running' | 'paused' | 'finished' | 'stopped' | 'failed';

/** A run that may still send: running, or paused and waiting to be resumed. */
export const isActiveRun = (run: Pick<FollowUpRun, 'status'>): boolean =>
  run.status === 'running' || run.status === 'paused';

export { stepResultStatuses };
export type StepResultStatus = (typeof stepResultStatuses)[number];
/** The statuses a step moves on to after it ran, as the lead's WhatsApp and replies report them. */
export type StepProgress = 'delivered' | 'read' | 'replied';

/**
 * The statuses a step may move on from to reach each later one: forward only, never off
 * `skipped`/`failed`, and a call task only to `replied`. The adapters' conditions and the engine
 * both read it from here.
 */
export const progressesFrom: Readonly<Record<StepProgress, readonly StepResultStatus[]>> = {
  delivered: ['sent'],
  read: ['sent', 'delivered'],
  replied: ['sent', 'task_created', 'delivered', 'read'],
};

/** A step that went out to the lead (a message, or a call task) and can still be answered. */
export const wentOut = (status: StepResultStatus): boolean => progressesFrom.replied.includes(status);

/**
 * Why a step did not go out. `condition_not_met` names the condition in `condition`.
 * replied | opted_out | closed | paused | condition_not_met | no_contact | undeliverable |
 * window_closed | draft_rejected | lead_erased | interrupted | channel_error
 */
export type StepSkipReason = string;

/** One step's recorded result: analytics reads which channel got replies for which kind of lead. */
export interface StepResult {
  stepIndex: number;
  status: StepResultStatus;
  /** The channel it really went out on: a WhatsApp step with its window closed and no template becomes a call task. */
  channel: Channel;
  /** When the step ran (sent, created its task, or was skipped). */
  ranAt: string;
  /** When the status last moved. */
  updatedAt: string;
  reason?: StepSkipReason;
  condition?: string;
  /** The timeline entry the step wrote (the message, the email, the task's entry). */
  interactionId?: string;
  /** wamid or SES message id. */
  externalId?: string;
  taskId?: string;
  /** WhatsApp only: free text inside the 24-hour window, or the approved template outside it. */
  via?: 'text' | 'template';
  draftSource?: 'model' | 'template';
}

export interface PendingWake {
  name: string;
  taskToken: string;
  stepIndex: number;
}

export interface FollowUpRun {
  enrollmentId: string;
  /** Absent on runs started without a sequence (the engine's own tests). */
  enrolment?: FollowUpEnrolment;
  status: FollowUpRunStatus;
  steps: FollowUpRunStep[];
  /** Indexes of the steps that ran, in the order they ran. */
  stepsRun: number[];
  /** Each step that ran, by step index order; absent steps have not run. */
  results: StepResult[];
  pendingWake?: PendingWake;
  stopReason?: string;
  /** When the agent paused it; set only while paused. */
  pausedAt?: string;
  failure?: { error: string; cause?: string };
  updatedAt: string;
}

/** `not_running`: the run was stopped, finished or failed before the step could run. */
export type RecordStepResult = 'recorded' | 'already_ran' | 'not_running';

export interface FollowUpRunRepository {
  /** Conditional: a second create of the same enrolment writes nothing and returns the stored run. */
  create(
    run: Pick<FollowUpRun, 'enrollmentId' | 'steps' | 'enrolment'>,
    at: Date,
  ): Promise<{ run: FollowUpRun; created: boolean }>;
  get(enrollmentId: string): Promise<FollowUpRun | undefined>;
  /** The lead's newest enrolment from a sequence, if it has any. */
  latestForLead(leadId: string): Promise<(FollowUpRun & { enrolment: FollowUpEnrolment }) | undefined>;
  /** The lead's enrolments from a sequence, newest first. */
  listForLead(leadId: string): Promise<Array<FollowUpRun & { enrolment: FollowUpEnrolment }>>;
  /** Records the wake a running or paused run waits on; false when the run has ended. */
  setPendingWake(enrollmentId: string, wake: PendingWake, at: Date): Promise<boolean>;
  /** Conditional: a step is recorded once, and only while the run is running, whatever the attempts. */
  recordStepRan(enrollmentId: string, stepIndex: number, at: Date): Promise<RecordStepResult>;
  /**
   * Moves a step to a later time; conditional on the run still running, the step not run (claimed,
   * with `releaseClaim`) and the run unchanged since it was read; false otherwise.
   */
  rescheduleStep(enrollmentId: string, stepIndex: number, change: StepReschedule, at: Date): Promise<boolean>;
  /** Records what a step that ran became; the first result recorded for a step wins (false after it). */
  recordStepResult(enrollmentId: string, result: StepResult): Promise<boolean>;
  /**
   * Moves a recorded step's status forward (sent → delivered → read → replied), never back and
   * never off `skipped`/`failed`; false when there was nothing to move.
   */
  advanceStepResult(
    enrollmentId: string,
    stepIndex: number,
    status: StepProgress,
    at: Date,
  ): Promise<boolean>;
  /** Marks a running run paused; false when it was not running. */
  pause(enrollmentId: string, at: Date): Promise<boolean>;
  /** Marks a paused run running again on re-planned steps; false when it was not paused. */
  resume(enrollmentId: string, steps: FollowUpRunStep[], at: Date): Promise<boolean>;
  /** Deletes a run and its step results (the lead is erased); nothing of it stays. */
  remove(enrollmentId: string): Promise<void>;
  /** Marks a running or paused run stopped; false when it had already ended. */
  stop(enrollmentId: string, reason: string, at: Date): Promise<boolean>;
  finish(enrollmentId: string, at: Date): Promise<void>;
  /** False when there is no such run (nothing to mark). */
  fail(enrollmentId: string, failure: { error: string; cause?: string }, at: Date): Promise<boolean>;
}
