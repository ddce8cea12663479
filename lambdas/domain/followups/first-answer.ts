/** How recent the lead's message must be for an answer to skip quiet hours. */
export const FIRST_ANSWER_WINDOW_MINUTES = 10;

/**
 * Whether a first-answer step may go out at `at` regardless of quiet hours: the lead wrote to us
 * at most 10 minutes before, so they are awake and waiting. Checked again at send time.
 */
export const mayAnswerAtOnce = (lastInboundAt: Date | undefined, at: Date): boolean => {
  if (!lastInboundAt) return false;
  const sinceMs = at.getTime() - lastInboundAt.getTime();
  return sinceMs >= 0 && sinceMs <= FIRST_ANSWER_WINDOW_MINUTES * 60_000;
};
