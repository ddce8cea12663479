import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../../lambdas/domain/errors';
import { readSyncCursor, writeSyncCursor } from '../../../../lambdas/domain/sync/sync-cursor';

describe('readSyncCursor', () => {
  it('has no cursor for a first sync', () => {
    expect(readSyncCursor(undefined)).toBeUndefined();
  });

  it('reads the position in the agent’s own feed and in the listings feed', () => {
    expect(readSyncCursor('p42l7')).toEqual({ own: 42, listings: 7 });
    expect(readSyncCursor('p0l0')).toEqual({ own: 0, listings: 0 });
  });

  it('reads a cursor from before listings were synced as having read none of them', () => {
    expect(readSyncCursor('p42')).toEqual({ own: 42, listings: 0 });
  });

  it('takes positions of up to twelve digits', () => {
    expect(readSyncCursor('p999999999999l999999999999')).toEqual({
      own: 999_999_999_999,
      listings: 999_999_999_999,
    });
  });

  it.each([
    ['an empty cursor', ''],
    ['no position', 'p'],
    ['a listings mark with no position', 'p3l'],
    ['thirteen digits', 'p1000000000000'],
    ['thirteen digits of listings', 'p1l1000000000000'],
    ['a negative position', 'p-1'],
    ['text before it', 'xp3l4'],
    ['text after it', 'p3l4x'],
    ['a page token of another list', 'eyJsaXN0IjoibGVhZHMifQ'],
  ])('refuses %s as a cursor this endpoint never returned, naming `since`', (_what, since) => {
    let thrown: unknown;
    try {
      readSyncCursor(since);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({
      extensions: { errors: [{ field: 'since', message: 'must be a cursor this endpoint returned' }] },
    });
  });
});

describe('writeSyncCursor', () => {
  it('writes both positions in a cursor that reads back the same', () => {
    expect(writeSyncCursor(42, 7)).toBe('p42l7');
    expect(readSyncCursor(writeSyncCursor(120, 0))).toEqual({ own: 120, listings: 0 });
  });
});
