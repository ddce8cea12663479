/** The workflow was started for an enrolment the engine has no record of. */
export class FollowUpRunNotFoundError extends Error {
  override readonly name = 'FollowUpRunNotFoundError';
  constructor(enrollmentId: string) {
    super(`No follow-up run for enrolment ${enrollmentId}`);
  }
}

/** A single wait longer than the engine supports; see `maxWaitSeconds`. */
export class WaitTooLongError extends Error {
  override readonly name = 'WaitTooLongError';
}
