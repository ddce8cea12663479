import type { Listing } from '../../../schemas/api/listings';
import { StaleVersionError } from '../../domain/errors';
import type { ListingRepository } from '../../ports/listings';
import { isConditionFailure } from './condition-failure';
import type { ListingItem } from './entities/listing';
import { withCursor } from './query-errors';
import type { CrmService } from './service';

/** A stored listing as the API shows it. */
export const toListing = (item: ListingItem): Listing =>
  Object.fromEntries(Object.entries(item).filter(([, value]) => value !== undefined)) as unknown as Listing;

/** Listings in the single table; an edit is a put guarded by the version it was read at. */
export const createListingRepository = (service: CrmService): ListingRepository => {
  const { listing: listings } = service.entities;
  return {
    async create(listing) {
      await listings.create(listing).go();
    },

    async get(listingId) {
      const { data } = await listings.get({ listingId }).go();
      return data ? toListing(data) : undefined;
    },

    async update(previous, next) {
      try {
        await listings
          .put(next)
          .where((attr, { eq }) => eq(attr.version, previous.version))
          .go();
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const { data } = await listings.get({ listingId: previous.listingId }).go({ consistent: true });
        throw new StaleVersionError(data?.version);
      }
    },

    async listForBrokerage({ brokerageId, status, limit, cursor }) {
      const page = await withCursor(cursor, () =>
        listings.query
          .byBrokerageNewest({ brokerageId })
          .where((attr, { eq }) => (status ? eq(attr.status, status) : ''))
          .go({ order: 'desc', cursor, count: limit, ...(status ? {} : { limit }) }),
      );
      return { items: page.data.map(toListing), nextCursor: page.cursor };
    },
  };
};
