import { describe, expect, it } from 'vitest';
import { localTimeIn } from '../../../../lambdas/domain/scoring/local-time';

describe('localTimeIn', () => {
  it('gives the wall-clock hour and ISO weekday in the zone', () => {
    // Tuesday 10 March 2026, 15:30 UTC.
    const instant = Date.parse('2026-03-10T15:30:00Z');

    expect(localTimeIn('America/New_York', instant)).toEqual({ hour: 11, minute: 30, weekday: 2 });
    expect(localTimeIn('Asia/Dubai', instant)).toEqual({ hour: 19, minute: 30, weekday: 2 });
    expect(localTimeIn('Asia/Tokyo', instant)).toEqual({ hour: 0, minute: 30, weekday: 3 });
    expect(localTimeIn('Asia/Kolkata', instant)).toEqual({ hour: 21, minute: 0, weekday: 2 });
  });

  it('follows daylight saving changes', () => {
    // New York moves to UTC-4 on 8 March 2026.
    expect(localTimeIn('America/New_York', Date.parse('2026-03-07T15:00:00Z')).hour).toBe(10);
    expect(localTimeIn('America/New_York', Date.parse('2026-03-09T15:00:00Z')).hour).toBe(11);
  });
});

describe('localTimeIn at the edges', () => {
  it('calls Sunday 7 and Monday 1', () => {
    expect(localTimeIn('UTC', Date.parse('2026-03-08T12:00:00Z')).weekday).toBe(7);
    expect(localTimeIn('UTC', Date.parse('2026-03-09T12:00:00Z')).weekday).toBe(1);
  });

  it('keeps the minute of an instant between quarter hours', () => {
    expect(localTimeIn('Asia/Kathmandu', Date.parse('2026-03-10T15:37:59Z'))).toEqual({
      hour: 21,
      minute: 22,
      weekday: 2,
    });
  });

  it('reads the last minute before a clock change on the old offset and the change itself on the new', () => {
    // New York springs forward at 07:00 UTC on 8 March 2026: 01:59 EST, then 03:00 EDT.
    expect(localTimeIn('America/New_York', Date.parse('2026-03-08T06:59:00Z'))).toEqual({
      hour: 1,
      minute: 59,
      weekday: 7,
    });
    expect(localTimeIn('America/New_York', Date.parse('2026-03-08T07:00:00Z'))).toEqual({
      hour: 3,
      minute: 0,
      weekday: 7,
    });
  });

  it('crosses midnight into the next local day', () => {
    expect(localTimeIn('Asia/Tokyo', Date.parse('2026-03-08T15:00:00Z'))).toEqual({
      hour: 0,
      minute: 0,
      weekday: 1,
    });
  });

  it('throws on a zone that does not exist', () => {
    expect(() => localTimeIn('Mars/Olympus_Mons', Date.parse('2026-03-08T15:00:00Z'))).toThrow(RangeError);
  });
});
