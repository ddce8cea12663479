import type { Listing, UpdateListingBody } from '../../../schemas/api/listings';
import type { Actor } from '../actor';
import { StaleVersionError } from '../errors';
import type { ListingDeps } from './deps';
import { loadListingFor } from './load-listing';

/**
 * Changes a listing (price, status, photos…); null clears an optional field. A version, when sent (field
 * or If-Match), must be the stored one: an edit made on a stale screen is a 409, not a silent overwrite.
 */
export const updateListing = async (
  actor: Actor,
  listingId: string,
  { version, ...changes }: UpdateListingBody,
  ifMatch: number | undefined,
  deps: ListingDeps,
): Promise<Listing> => {
  const current = await loadListingFor(actor, listingId, deps);
  const expected = ifMatch ?? version;
  if (expected !== undefined && expected !== current.version) throw new StaleVersionError(current.version);
  const next: Listing = { ...current };
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (value === null) delete (next as Record<string, unknown>)[field];
    else (next as Record<string, unknown>)[field] = value;
  }
  next.version = current.version + 1;
  next.updatedAt = deps.clock.now().toISOString();
  await deps.listings.update(current, next);
  return next;
};
