import { StaleVersionError } from '../../../../lambdas/domain/errors';
import type { ListingRepository } from '../../../../lambdas/ports/listings';
import type { Listing } from '../../../../schemas/api/listings';
import { DEFAULT_AGENT_ID, DEFAULT_BROKERAGE_ID, FIXTURE_NOW } from '../../../helpers/factories';

/** The brokerage's listings in memory: version-guarded updates, newest first, a full page carries a cursor. */
export const createInMemoryListings = (): ListingRepository & { stored: Map<string, Listing> } => {
  const stored = new Map<string, Listing>();
  return {
    stored,
    async create(listing) {
      if (stored.has(listing.listingId)) throw new Error(`Listing ${listing.listingId} exists`);
      stored.set(listing.listingId, structuredClone(listing));
    },
    async get(listingId) {
      return structuredClone(stored.get(listingId));
    },
    async update(previous, next) {
      if (stored.get(previous.listingId)?.version !== previous.version) throw new StaleVersionError();
      stored.set(next.listingId, structuredClone(next));
    },
    async listForBrokerage({ brokerageId, status, limit, cursor }) {
      const matching = [...stored.values()]
        .filter((listing) => listing.brokerageId === brokerageId && (!status || listing.status === status))
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.listingId.localeCompare(a.listingId));
      const start = cursor === undefined ? 0 : Number(cursor);
      const items = matching.slice(start, start + limit).map((listing) => structuredClone(listing));
      return { items, nextCursor: items.length === limit ? String(start + limit) : null };
    },
  };
};

let sequence = 0;

/** A listing of the default brokerage: a townhouse with two photos and a brochure. */
export const createMockListing = (overrides: Partial<Listing> = {}): Listing => {
  sequence += 1;
  return {
    listingId: `01JD7Q3M2Y9V1X8K4T6R5W1L${String(sequence).padStart(2, '0')}`,
    brokerageId: DEFAULT_BROKERAGE_ID,
    createdBy: DEFAULT_AGENT_ID,
    title: '3-bed townhouse in Riverside',
    price: 450_000,
    currency: 'USD',
    beds: 3,
    area: { value: 120, unit: 'sqm' },
    address: '12 Oak Lane',
    photoUrls: [
      'https://photos.example.com/oak-lane/front.jpg',
      'https://photos.example.com/oak-lane/garden.jpg',
    ],
    brochureUrl: 'https://photos.example.com/oak-lane/brochure.pdf',
    status: 'active',
    version: 1,
    createdAt: FIXTURE_NOW,
    updatedAt: FIXTURE_NOW,
    ...overrides,
  };
};
