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
