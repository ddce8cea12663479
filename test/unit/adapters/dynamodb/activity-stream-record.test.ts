import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { readActivityChange } from '../../../../lambdas/adapters/dynamodb/activity-stream-record';
import { passesFilters } from '../../../../lib/local/stream-filter';
import { activityStreamFilters } from '../../../../schemas/activity';

const listingId = '01JD7Q3M2Y9V1X8K4T6R5W0ZAB';

/** A listing's image as DynamoDB writes it to the stream. */
const listingImage = (status: string, updatedAt: string): Record<string, AttributeValue> => ({
  __edb_e__: { S: 'listing' },
  __edb_v__: { S: '1' },
  listingId: { S: listingId },
  brokerageId: { S: 'brokerage-riverside' },
  createdBy: { S: 'agent-dana-lee' },
  title: { S: '3-bed townhouse in Riverside' },
  price: { N: '640000' },
  currency: { S: 'USD' },
  photoUrls: { L: [{ S: 'https://example.com/photos/townhouse-1.jpg' }] },
  status: { S: status },
  version: { N: '2' },
  createdAt: { S: '2026-03-02T14:00:00.000Z' },
  updatedAt: { S: updatedAt },
});

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: { before?: Record<string, AttributeValue>; after?: Record<string, AttributeValue> },
): DynamoDBRecord => ({
  eventID: 'event-1',
  eventName,
  dynamodb: {
    SequenceNumber: '100',
    ApproximateCreationDateTime: Date.parse('2026-03-02T16:00:00.000Z') / 1000,
    ...(images.before && { OldImage: images.before }),
    ...(images.after && { NewImage: images.after }),
  },
});

const active = listingImage('active', '2026-03-02T14:00:00.000Z');
const withdrawn = listingImage('withdrawn', '2026-03-02T15:45:00.000Z');

describe('the activity consumer on listing changes (filter shared by the stack and npm start)', () => {
  it('lets a listing created, changed or removed through the filter', () => {
    expect(passesFilters(activityStreamFilters, record('INSERT', { after: active }))).toBe(true);
    expect(passesFilters(activityStreamFilters, record('MODIFY', { before: active, after: withdrawn }))).toBe(
      true,
    );
    expect(passesFilters(activityStreamFilters, record('REMOVE', { before: withdrawn }))).toBe(true);
  });

  it("sends a listing's change to its brokerage's listings feed, at the listing's update time", () => {
    expect(readActivityChange(record('MODIFY', { before: active, after: withdrawn }))).toEqual({
      kind: 'owned',
      feedKind: 'listing',
      entityId: listingId,
      agentId: 'listings#brokerage-riverside',
      removed: false,
      at: '2026-03-02T15:45:00.000Z',
    });
  });

  it('turns a listing removed from the table into a removal, at the time it was removed', () => {
    expect(readActivityChange(record('REMOVE', { before: withdrawn }))).toEqual({
      kind: 'owned',
      feedKind: 'listing',
      entityId: listingId,
      agentId: 'listings#brokerage-riverside',
      removed: true,
      at: '2026-03-02T16:00:00.000Z',
    });
  });

  it('skips a listing image without its brokerage', () => {
    const { brokerageId: _, ...orphan } = active;
    expect(readActivityChange(record('INSERT', { after: orphan }))).toMatchObject({ kind: 'skip' });
  });
});
