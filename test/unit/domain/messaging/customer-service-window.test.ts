import { describe, expect, it } from 'vitest';
import { isWindowOpen } from '../../../../lambdas/domain/messaging/customer-service-window';

const now = new Date('2026-11-25T09:30:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

describe('isWindowOpen', () => {
  it('is open when the lead wrote a moment ago', () => {
    expect(isWindowOpen(hoursAgo(0.01), now)).toBe(true);
  });

  it('is open one minute before the 24 hours are up', () => {
    expect(isWindowOpen(hoursAgo(24 - 1 / 60), now)).toBe(true);
  });

  it('is closed at exactly 24 hours and after', () => {
    expect(isWindowOpen(hoursAgo(24), now)).toBe(false);
    expect(isWindowOpen(hoursAgo(72), now)).toBe(false);
  });

  it('is closed when the lead has never written', () => {
    expect(isWindowOpen(undefined, now)).toBe(false);
    expect(isWindowOpen(new Date('not a date'), now)).toBe(false);
  });

  it('treats a last message slightly in the future (clock skew) as just received', () => {
    expect(isWindowOpen(new Date(now.getTime() + 5_000), now)).toBe(true);
  });

  it('closes early by the margin given', () => {
    expect(isWindowOpen(hoursAgo(23.95), now, 5 * 60_000)).toBe(false);
    expect(isWindowOpen(hoursAgo(23), now, 5 * 60_000)).toBe(true);
  });
});
