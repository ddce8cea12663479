import type { FollowUpEnrolment, FollowUpRun } from '../../ports/follow-up-runs';

/**
 * From when a message from the lead is a reply that ends this run, or undefined while none is.
 * A run that opens with a first answer answers what the lead wrote before it went out (a new
 * WhatsApp lead often writes twice in a row), so only messages after that answer count; any other
 * run counts every message from its enrolment on.
 */
export const repliesCountFrom = (
  run: Pick<FollowUpRun, 'results'> & { enrolment: Pick<FollowUpEnrolment, 'enrolledAt' | 'sequence'> },
): string | undefined => {
  const [first] = run.enrolment.sequence.steps;
  if (!(first?.channel === 'whatsapp' && first.firstAnswer)) return run.enrolment.enrolledAt;
  return run.results.find((result) => result.stepIndex === 0)?.ranAt;
};

/** Whether a message the lead sent at `sentAt` is a reply that ends the run. */
export const isReplyTo = (run: Parameters<typeof repliesCountFrom>[0], sentAt: string): boolean => {
  const from = repliesCountFrom(run);
  return from !== undefined && sentAt > from;
};
