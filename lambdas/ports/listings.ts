import type { Listing, ListingStatus } from '../../schemas/api/listings';
import type { Page, PageRequest } from './page';

export interface BrokerageListingQuery extends PageRequest {
  brokerageId: string;
  status?: ListingStatus;
}

/** The brokerage's listings. */
export interface ListingRepository {
  create(listing: Listing): Promise<void>;
  get(listingId: string): Promise<Listing | undefined>;
  /** Replaces the listing if its stored version is still `previous.version`; StaleVersionError otherwise. */
  update(previous: Listing, next: Listing): Promise<void>;
  /** Newest first. */
  listForBrokerage(query: BrokerageListingQuery): Promise<Page<Listing>>;
}
