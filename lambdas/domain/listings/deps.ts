import type { Clock } from '../../ports/clock';
import type { IdGenerator } from '../../ports/ids';
import type { ListingRepository } from '../../ports/listings';

/** What the listing use cases need. */
export interface ListingDeps {
  listings: ListingRepository;
  clock: Clock;
  newId: IdGenerator;
}
