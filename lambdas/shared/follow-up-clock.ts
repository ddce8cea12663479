import { type Clock, systemClock } from '../ports/clock';
import { env } from './env';

let clock: Clock | undefined;

/**
 * The time follow-up steps are checked against: real time in the cloud; on a laptop with a clock
 * speed-up, the local scheduler's sped-up time, so quiet hours and due times are read on the same
 * clock that fired the wake.
 */
export const followUpClock = (): Clock => {
  if (clock) return clock;
  const { FOLLOW_UP_CLOCK_SPEED: speed, FOLLOW_UP_CLOCK_ANCHOR: anchor } = env();
  clock =
    speed === undefined || speed === 1 || anchor === undefined
      ? systemClock
      : { now: () => new Date(anchor + (Date.now() - anchor) * speed) };
  return clock;
};
