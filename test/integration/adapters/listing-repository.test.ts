import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createListingRepository, toListing } from '../../../lambdas/adapters/dynamodb/listing-repository';
import type { CrmService } from '../../../lambdas/adapters/dynamodb/service';
import { StaleVersionError, ValidationError } from '../../../lambdas/domain/errors';
import type { ListingRepository } from '../../../lambdas/ports/listings';
import type { Listing } from '../../../schemas/api/listings';
import { freshOwner } from '../../contracts/world';
import { createMockListing } from '../../helpers/in-memory-change-feed';
import { createRecordedTable, type SentCommand, sentOf } from '../../helpers/recorded-table';

let documents: DynamoDBDocumentClient;
let sent: SentCommand[];
let listings: ListingRepository;
let failNext: { command: string; error: Error } | undefined;

let service: CrmService;

beforeAll(async () => {
  const table = await createRecordedTable();
  ({ documents, sent } = table);
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      const failing = failNext;
      if (!failing || failing.command !== context.commandName) return next(args);
      failNext = undefined;
      throw failing.error;
    },
    { step: 'initialize', name: 'failNext' },
  );
  service = table.service;
});

// Made for each test, so a mutant in the factory itself is live while the test runs.
beforeEach(() => {
  listings = createListingRepository(service);
});

afterEach(() => {
  failNext = undefined;
});

let n = 0;
/** A listing of the brokerage, created `n` minutes after the first. */
const aListing = (brokerageId: string, overrides: Partial<Listing> = {}) => {
  n += 1;
  const at = new Date(Date.parse('2026-11-25T12:00:00.000Z') + n * 60_000).toISOString();
  return createMockListing({ brokerageId, createdAt: at, updatedAt: at, ...overrides });
};

const walk = async (brokerageId: string, limit: number, status?: Listing['status']) => {
  const seen: Listing[] = [];
  const sizes: number[] = [];
  let cursor: string | undefined;
  do {
    const page = await listings.listForBrokerage({
      brokerageId,
      limit,
      ...(status && { status }),
      ...(cursor && { cursor }),
    });
    seen.push(...page.items);
    sizes.push(page.items.length);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && sizes.length < 10);
  return { seen, sizes };
};

describe('listing repository (DynamoDB Local)', () => {
  it('stores a listing and reads it back as given, with no empty optional fields', async () => {
    const { brokerageId } = freshOwner();
    const listing = aListing(brokerageId, { address: '12 Elm St', brochureUrl: 'https://example.com/b.pdf' });
    const { beds: _beds, ...bare } = aListing(brokerageId);

    await listings.create(listing);
    await listings.create(bare);

    expect(await listings.get(listing.listingId)).toStrictEqual(listing);
    expect(await listings.get(bare.listingId)).toStrictEqual(bare);
    expect(await listings.get('listing-never-made')).toBeUndefined();
    await expect(listings.create({ ...listing, title: 'Again' })).rejects.toThrow();
    expect((await listings.get(listing.listingId))?.title).toBe(listing.title);
  });

  it('replaces a listing only from the version it was read at, telling the stale writer the current one', async () => {
    const { brokerageId } = freshOwner();
    const listing = aListing(brokerageId);
    await listings.create(listing);
    const edited = { ...listing, price: 655_000, version: 2 };
    await listings.update(listing, edited);

    const stale = listings.update(listing, { ...listing, price: 600_000, version: 2 });

    await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
    await expect(stale).rejects.toMatchObject({ extensions: { currentVersion: 2 } });
    expect(await listings.get(listing.listingId)).toStrictEqual(edited);
    const reread = sentOf(sent, 'GetItemCommand').at(-2);
    expect(reread?.input.ConsistentRead).toBe(true);
  });

  it('takes an edit of a listing that is gone as stale, with no version to offer', async () => {
    const ghost = aListing(freshOwner().brokerageId);

    const stale = listings.update(ghost, { ...ghost, version: 2 });

    await expect(stale).rejects.toBeInstanceOf(StaleVersionError);
    await expect(stale).rejects.toMatchObject({ extensions: {} });
    expect(await listings.get(ghost.listingId)).toBeUndefined();
  });

  it('asks the table for no more than a page when nothing is filtered out', async () => {
    const { brokerageId } = freshOwner();
    for (let i = 0; i < 3; i++) await listings.create(aListing(brokerageId));
    const from = sent.length;

    expect((await listings.listForBrokerage({ brokerageId, limit: 2 })).items).toHaveLength(2);
    expect(sentOf(sent, 'QueryCommand', from).map((query) => query.input.Limit)).toEqual([2]);
  });

  it('passes on a failed edit that is not a refusal', async () => {
    const listing = aListing(freshOwner().brokerageId);
    await listings.create(listing);
    failNext = {
      command: 'PutItemCommand',
      error: Object.assign(new Error('Throughput exceeded'), {
        name: 'ProvisionedThroughputExceededException',
      }),
    };

    await expect(listings.update(listing, { ...listing, version: 2 })).rejects.toThrow('Throughput exceeded');
  });

  it('lists a brokerage’s listings newest first, a page at a time, and only those of a status when asked', async () => {
    const { brokerageId } = freshOwner();
    const [oldest, sold, newest] = [
      aListing(brokerageId),
      aListing(brokerageId, { status: 'sold' }),
      aListing(brokerageId),
    ];
    for (const listing of [sold, newest, oldest]) await listings.create(listing);
    await listings.create(aListing(freshOwner().brokerageId));

    const all = await walk(brokerageId, 2);
    expect(all.seen).toEqual([newest, sold, oldest]);
    expect(all.sizes.slice(0, 2)).toEqual([2, 1]);
    expect((await listings.listForBrokerage({ brokerageId, limit: 3 })).items).toEqual([
      newest,
      sold,
      oldest,
    ]);
    const active = await walk(brokerageId, 1, 'active');
    expect(active.seen).toEqual([newest, oldest]);
    expect(active.sizes[0]).toBe(1);
    expect((await listings.listForBrokerage({ brokerageId, limit: 5, status: 'active' })).items).toEqual([
      newest,
      oldest,
    ]);
  });

  it('answers a cursor it never gave with a validation error', async () => {
    await expect(
      listings.listForBrokerage({ brokerageId: 'brokerage-any', limit: 2, cursor: 'not-a-cursor' }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('shows a stored item without the attributes it does not have', () => {
    const listing = createMockListing();
    expect(toListing({ ...listing, address: undefined } as Parameters<typeof toListing>[0])).toStrictEqual(
      listing,
    );
  });
});
