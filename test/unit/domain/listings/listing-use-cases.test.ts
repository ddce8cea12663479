import { describe, expect, it } from 'vitest';
import { NotFoundError, StaleVersionError } from '../../../../lambdas/domain/errors';
import { createListing } from '../../../../lambdas/domain/listings/create-listing';
import { listListings } from '../../../../lambdas/domain/listings/list-listings';
import { loadListingFor } from '../../../../lambdas/domain/listings/load-listing';
import { updateListing } from '../../../../lambdas/domain/listings/update-listing';
import { fixedClock } from '../../../../lambdas/ports/clock';
import { createIdGenerator } from '../../../../lambdas/shared/ids';
import { createListingBody, updateListingBody } from '../../../../schemas/api/listings';
import { createMockActor } from '../../../helpers/factories';
import { createInMemoryListings, createMockListing } from './listing-world';

const CREATED_AT = '2026-03-02T14:00:00.000Z';
const EDITED_AT = '2026-03-04T09:15:00.000Z';
const dana = createMockActor();
const omar = createMockActor({ agentId: 'agent-omar-haddad', email: 'omar@example.com' });
const harbour = createMockActor({
  agentId: 'agent-lena-berg',
  brokerageId: 'brokerage-harbour',
  email: 'lena@example.com',
});

const setup = () => {
  const clock = fixedClock(CREATED_AT);
  const listings = createInMemoryListings();
  return { clock, listings, deps: { listings, clock, newId: createIdGenerator(clock) } };
};

describe('createListing', () => {
  it('adds the listing to the actor’s brokerage at version 1, as they sent it', async () => {
    const { listings, deps } = setup();
    const body = createListingBody.parse({
      title: 'Studio near the park',
      price: 210_000,
      currency: 'USD',
      photoUrls: ['https://photos.example.com/park/studio.jpg'],
    });

    const listing = await createListing(dana, body, deps);

    expect(listing).toEqual({
      ...body,
      listingId: expect.any(String),
      brokerageId: dana.brokerageId,
      createdBy: dana.agentId,
      status: 'active',
      version: 1,
      createdAt: CREATED_AT,
      updatedAt: CREATED_AT,
    });
    expect(listings.stored.get(listing.listingId)).toEqual(listing);
  });
});

describe('loadListingFor', () => {
  it('gives any agent of the brokerage its listing, and another brokerage a 404 as for a missing one', async () => {
    const { listings } = setup();
    const listing = createMockListing();
    await listings.create(listing);

    await expect(loadListingFor(omar, listing.listingId, { listings })).resolves.toEqual(listing);
    await expect(loadListingFor(harbour, listing.listingId, { listings })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(loadListingFor(dana, 'missing-listing', { listings })).rejects.toThrow(
      'Listing was not found',
    );
  });
});

describe('listListings', () => {
  it('lists the brokerage’s listings newest first, of one status when asked, paged', async () => {
    const { listings } = setup();
    const older = createMockListing({ createdAt: '2026-02-01T10:00:00.000Z', status: 'sold' });
    const newer = createMockListing({ createdAt: '2026-02-20T10:00:00.000Z' });
    const newest = createMockListing({ createdAt: '2026-03-01T10:00:00.000Z' });
    const foreign = createMockListing({
      brokerageId: 'brokerage-harbour',
      createdAt: '2026-03-02T10:00:00.000Z',
    });
    for (const listing of [older, newer, newest, foreign]) await listings.create(listing);

    const all = await listListings(dana, { limit: 10 }, { listings });
    const active = await listListings(dana, { status: 'active', limit: 10 }, { listings });
    const first = await listListings(dana, { limit: 2 }, { listings });
    const rest = await listListings(dana, { limit: 2, cursor: first.nextCursor ?? undefined }, { listings });

    expect(all.items).toEqual([newest, newer, older]);
    expect(active.items).toEqual([newest, newer]);
    expect(first.items).toEqual([newest, newer]);
    expect(rest).toEqual({ items: [older], nextCursor: null });
  });
});

describe('updateListing', () => {
  const edit = async (
    input: Record<string, unknown>,
    ifMatch?: number,
    actor = dana,
    listing = createMockListing(),
  ) => {
    const { listings, deps, clock } = setup();
    await listings.create(listing);
    clock.set(EDITED_AT);
    const attempt = updateListing(actor, listing.listingId, updateListingBody.parse(input), ifMatch, deps);
    return { attempt, listings, listing };
  };

  it('changes what is sent, keeps the rest, and moves the version on', async () => {
    const { attempt, listings, listing } = await edit({ version: 1, price: 435_000, status: 'under_offer' });

    const updated = await attempt;

    expect(updated).toEqual({
      ...listing,
      price: 435_000,
      status: 'under_offer',
      version: 2,
      updatedAt: EDITED_AT,
    });
    expect(listings.stored.get(listing.listingId)).toEqual(updated);
  });

  it('clears an optional field sent as null', async () => {
    const { attempt, listings, listing } = await edit({ beds: null, area: null, brochureUrl: null }, 1);

    const updated = await attempt;

    expect(updated).not.toHaveProperty('beds');
    expect(updated).not.toHaveProperty('area');
    expect(updated).not.toHaveProperty('brochureUrl');
    expect(updated).toMatchObject({ address: listing.address, title: listing.title, version: 2 });
    expect(listings.stored.get(listing.listingId)).toEqual(updated);
  });

  it('leaves a field given as undefined as it is', async () => {
    const { listings, deps } = setup();
    const listing = createMockListing();
    await listings.create(listing);

    const updated = await updateListing(
      dana,
      listing.listingId,
      { beds: undefined, price: 440_000 },
      1,
      deps,
    );

    expect(updated).toMatchObject({ beds: 3, price: 440_000 });
    expect(listings.stored.get(listing.listingId)?.beds).toBe(3);
  });

  it('accepts a change sent without a version', async () => {
    const { attempt } = await edit({ title: 'Townhouse with garden' });

    await expect(attempt).resolves.toMatchObject({ title: 'Townhouse with garden', version: 2 });
  });

  it('refuses a stale version with 409 and the current version, changing nothing', async () => {
    const listing = createMockListing({ version: 3 });
    const { attempt, listings } = await edit({ version: 2, price: 1 }, undefined, dana, listing);

    await expect(attempt).rejects.toBeInstanceOf(StaleVersionError);
    await expect(attempt).rejects.toMatchObject({ extensions: { currentVersion: 3 } });
    expect(listings.stored.get(listing.listingId)).toEqual(listing);
  });

  it('takes If-Match over the body’s version', async () => {
    const stale = await edit({ version: 1, price: 1 }, 7);
    const fresh = await edit({ version: 7, price: 440_000 }, 1);

    await expect(stale.attempt).rejects.toBeInstanceOf(StaleVersionError);
    await expect(fresh.attempt).resolves.toMatchObject({ price: 440_000, version: 2 });
  });

  it('answers 404 for another brokerage’s listing and changes nothing', async () => {
    const { attempt, listings, listing } = await edit({ price: 1 }, undefined, harbour);

    await expect(attempt).rejects.toBeInstanceOf(NotFoundError);
    expect(listings.stored.get(listing.listingId)).toEqual(listing);
  });
});
