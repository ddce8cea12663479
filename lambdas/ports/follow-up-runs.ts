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
}

/** Whose lead a run follows up and the copy of the sequence it runs. */
export interface FollowUpEnrolment {
  leadId: string;
  agentId: string;
  sequence: SequenceSnapshot;
  enrolledAt: string;
}

export type FollowUpRunStatus = 'running' | 'finished' | 'stopped' | 'failed';

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
  pendingWake?: PendingWake;
  stopReason?: string;
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
