import { describe, expect, it } from 'vitest';
import { supersedes } from '../../../../lambdas/domain/consent/consent-order';

const at = (time: string) => `2026-03-02T${time}.000Z`;

describe('supersedes', () => {
  it('lets a change replace an older one and keeps a newer one', () => {
    const held = { state: 'opted_out' as const, changedAt: at('10:01:00') };

    expect(supersedes(held, { state: 'opted_in', changedAt: at('10:02:00') })).toBe(true);
    expect(supersedes(held, { state: 'opted_in', changedAt: at('10:00:00') })).toBe(false);
  });

  it('takes any change when nothing is held', () => {
    expect(supersedes(undefined, { state: 'opted_in', changedAt: at('10:00:00') })).toBe(true);
  });

  it('lets an opt-out win over an opt-in made the same second, in either order', () => {
    const stop = { state: 'opted_out' as const, changedAt: at('10:00:00') };
    const start = { state: 'opted_in' as const, changedAt: at('10:00:00') };

    expect(supersedes(start, stop)).toBe(true);
    expect(supersedes(stop, start)).toBe(false);
    expect(supersedes(stop, stop)).toBe(false);
  });

  it('keeps the held change when the same change arrives again for the same second (a redelivery writes nothing)', () => {
    const start = { state: 'opted_in' as const, changedAt: at('10:00:00') };

    expect(supersedes(start, { ...start })).toBe(false);
  });
});
