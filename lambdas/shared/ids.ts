import { monotonicFactory } from 'ulid';
import type { Clock } from '../ports/clock';
import type { IdGenerator } from '../ports/ids';

/** ULIDs: the time prefix keeps timelines and lists in creation order; monotonic within a millisecond. */
export const createIdGenerator = (clock?: Clock): IdGenerator => {
  const next = monotonicFactory();
  return () => next(clock ? clock.now().getTime() : Date.now());
};
