/**
 * The engine's record of one enrolment's run: the steps it walks and where it stands. On this branch
 * the steps are a fixed list with due times; the follow-up domain replaces them with a sequence.
 */
export interface FollowUpRunStep {
  dueAt: string;
  timeZone: string;
}

export type FollowUpRunStatus = 'running' | 'finished' | 'stopped' | 'failed';

export interface PendingWake {
  name: string;
  taskToken: string;
  stepIndex: number;
}

export interface FollowUpRun {
  enrollmentId: string;
  status: FollowUpRunStatus;
  steps: FollowUpRunStep[];
  /** Indexes of the steps that ran, in the order they ran. */
  stepsRun: number[];
  pendingWake?: PendingWake;
  stopReason?: string;
  failure?: { error: string; cause?: string };
  updatedAt: string;
}

/** `not_running`: the run was stopped, finished or failed before the step could run. */
export type RecordStepResult = 'recorded' | 'already_ran' | 'not_running';

export interface FollowUpRunRepository {
  create(run: Pick<FollowUpRun, 'enrollmentId' | 'steps'>, at: Date): Promise<FollowUpRun>;
  get(enrollmentId: string): Promise<FollowUpRun | undefined>;
  /** Records the wake a running run waits on; false when the run is no longer running. */
  setPendingWake(enrollmentId: string, wake: PendingWake, at: Date): Promise<boolean>;
  /** Conditional: a step is recorded once, and only while the run is running, whatever the attempts. */
  recordStepRan(enrollmentId: string, stepIndex: number, at: Date): Promise<RecordStepResult>;
  /** Marks a running run stopped; false when it had already ended. */
  stop(enrollmentId: string, reason: string, at: Date): Promise<boolean>;
  finish(enrollmentId: string, at: Date): Promise<void>;
  /** False when there is no such run (nothing to mark). */
  fail(enrollmentId: string, failure: { error: string; cause?: string }, at: Date): Promise<boolean>;
}
