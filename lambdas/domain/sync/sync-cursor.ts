import { ValidationError } from '../errors';

/** How far a device has read: its own feed and its brokerage's listings feed. */
export interface SyncCursor {
  own: number;
  listings: number;
}

// `p<own>l<listings>`; the older `p<own>`, given out before listings were synced, has read none of them.
const CURSOR = /^p(\d{1,12})(?:l(\d{1,12}))?$/;

/** The positions of the cursor the app sent; undefined for a first sync (no cursor). */
export const readSyncCursor = (since: string | undefined): SyncCursor | undefined => {
  if (since === undefined) return undefined;
  const match = CURSOR.exec(since);
  if (!match)
    throw new ValidationError([{ field: 'since', message: 'must be a cursor this endpoint returned' }]);
  return { own: Number(match[1]), listings: Number(match[2] ?? 0) };
};

export const writeSyncCursor = (own: number, listings: number) => `p${own}l${listings}`;
