import type { WakeOutput } from '../../schemas/workflow';

/** A one-time wake for an execution waiting on a task token. */
export interface WakeRequest {
  /** Deterministic (`<enrollmentId>-<stepIndex>`), so asking twice schedules once. */
  name: string;
  at: Date;
  /** The lead's IANA zone: the schedule is kept in it, so operators read it in the lead's local time. */
  timeZone: string;
  taskToken: string;
  output: WakeOutput;
}

export type ScheduleWakeResult = 'scheduled' | 'already_scheduled';
export type CancelWakeResult = 'cancelled' | 'not_found';
/** `stale_token`: the wait that token belonged to is over (woken, timed out, or its execution ended). */
export type WakeNowResult = 'woken' | 'stale_token';

/**
 * Resumes waiting workflow executions: later through a one-time schedule, or at once (a reply stops
 * the sequence without waiting for the schedule).
 */
export interface WakeScheduler {
  scheduleWake(request: WakeRequest): Promise<ScheduleWakeResult>;
  cancelWake(name: string): Promise<CancelWakeResult>;
  wakeNow(taskToken: string, output: WakeOutput): Promise<WakeNowResult>;
}
