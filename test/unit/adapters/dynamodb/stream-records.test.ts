import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import {
  leadFactsOf,
  otherOfflineEntities,
  readActivityChange,
} from '../../../../lambdas/adapters/dynamodb/activity-stream-record';
import { imageOf, readFollowUpChange } from '../../../../lambdas/adapters/dynamodb/follow-up-stream-record';

/** When DynamoDB wrote the record: the time a change without its own time is dated at. */
const streamTime = '2026-03-02T16:00:00.000Z';

const record = (
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  images: { before?: Record<string, AttributeValue>; after?: Record<string, AttributeValue> },
): DynamoDBRecord => ({
  eventID: 'event-1',
  eventName,
  dynamodb: {
    SequenceNumber: '100',
    ApproximateCreationDateTime: Date.parse(streamTime) / 1000,
    ...(images.before && { OldImage: images.before }),
    ...(images.after && { NewImage: images.after }),
  },
});

const s = (value: string): AttributeValue => ({ S: value });

const leadImage = (overrides: Record<string, AttributeValue> = {}): Record<string, AttributeValue> => ({
  __edb_e__: s('lead'),
  leadId: s('lead-ana'),
  agentId: s('agent-rivera'),
  brokerageId: s('brokerage-riverside'),
  name: s('Ana Sol'),
  phone: s('+12125550101'),
  source: s('whatsapp'),
  status: s('new'),
  temperature: s('warm'),
  score: { N: '62' },
  createdAt: s('2026-03-01T09:00:00.000Z'),
  updatedAt: s('2026-03-02T15:30:00.000Z'),
  ...overrides,
});

const leadFacts = {
  leadId: 'lead-ana',
  agentId: 'agent-rivera',
  brokerageId: 'brokerage-riverside',
  source: 'whatsapp',
  status: 'new',
  temperature: 'warm',
  score: 62,
  createdAt: '2026-03-01T09:00:00.000Z',
};

const interactionImage = (
  overrides: Record<string, AttributeValue> = {},
): Record<string, AttributeValue> => ({
  __edb_e__: s('interaction'),
  leadId: s('lead-ana'),
  interactionId: s('int-1'),
  type: s('whatsapp'),
  direction: s('outbound'),
  text: s('Hello Ana'),
  occurredAt: s('2026-03-02T15:00:00.000Z'),
  ...overrides,
});

const taskImage = (overrides: Record<string, AttributeValue> = {}): Record<string, AttributeValue> => ({
  __edb_e__: s('task'),
  taskId: s('task-call'),
  leadId: s('lead-ana'),
  agentId: s('agent-rivera'),
  title: s('Call Ana'),
  updatedAt: s('2026-03-02T15:10:00.000Z'),
  ...overrides,
});

const replyImage = (overrides: Record<string, AttributeValue> = {}): Record<string, AttributeValue> => ({
  __edb_e__: s('leadEvent'),
  leadId: s('lead-ana'),
  eventId: s('evt-1'),
  type: s('lead.replied'),
  channel: s('whatsapp'),
  occurredAt: s('2026-03-02T15:20:00.000Z'),
  ...overrides,
});

const stepImage = (status: string, updatedAt: string): Record<string, AttributeValue> => ({
  __edb_e__: s('followUpStepResult'),
  enrollmentId: s('enr-1'),
  stepIndex: { N: '0' },
  status: s(status),
  updatedAt: s(updatedAt),
});

describe('reading a lead change from the stream', () => {
  it('keeps the facts of both images, never the words or contact details, at the new image update time', () => {
    const change = readActivityChange(
      record('MODIFY', {
        before: leadImage(),
        after: leadImage({ status: s('contacted'), updatedAt: s('2026-03-02T15:40:00.000Z') }),
      }),
    );
    expect(change).toEqual({
      kind: 'lead',
      before: leadFacts,
      after: { ...leadFacts, status: 'contacted' },
      at: '2026-03-02T15:40:00.000Z',
    });
  });

  it('reads a new lead without a before, and an erased one without an after, dated at the stream time', () => {
    expect(readActivityChange(record('INSERT', { after: leadImage() }))).toEqual({
      kind: 'lead',
      after: leadFacts,
      at: '2026-03-02T15:30:00.000Z',
    });
    expect(readActivityChange(record('REMOVE', { before: leadImage() }))).toEqual({
      kind: 'lead',
      before: leadFacts,
      at: streamTime,
    });
  });

  it('carries the outcome and an erase under way, and leaves them out when absent or false', () => {
    const closed = leadImage({
      outcome: { M: { result: s('converted'), note: s('Signed') } },
      erasing: { BOOL: true },
    });
    expect(leadFactsOf(imageOf(closed))).toEqual({
      ...leadFacts,
      updatedAt: '2026-03-02T15:30:00.000Z',
      outcome: 'converted',
      erasing: true,
    });
    const notErasing = leadFactsOf(imageOf(leadImage({ erasing: { BOOL: false } })));
    expect(notErasing).not.toHaveProperty('erasing');
    expect(notErasing).not.toHaveProperty('outcome');
  });

  it('skips a lead whose images do not parse, and reads an empty agent id as not a lead', () => {
    expect(readActivityChange(record('INSERT', { after: leadImage({ agentId: s('') }) }))).toEqual({
      kind: 'skip',
      why: 'lead image does not parse',
    });
    expect(leadFactsOf(imageOf(leadImage({ score: s('62') })))).toBeUndefined();
  });

  it('dates a change at the epoch when the record carries no time', () => {
    const untimed: DynamoDBRecord = { eventName: 'REMOVE', dynamodb: { OldImage: leadImage() } };
    expect(readActivityChange(untimed)).toMatchObject({ at: '1970-01-01T00:00:00.000Z' });
  });
});

describe('reading a timeline entry change', () => {
  it('keeps kind, direction and delivery of both images, dated at the stream time', () => {
    const sent = interactionImage({ deliveryStatus: s('sent') });
    const read = interactionImage({ deliveryStatus: s('read') });
    expect(readActivityChange(record('MODIFY', { before: sent, after: read }))).toEqual({
      kind: 'interaction',
      before: {
        leadId: 'lead-ana',
        interactionId: 'int-1',
        type: 'whatsapp',
        direction: 'outbound',
        occurredAt: '2026-03-02T15:00:00.000Z',
        deliveryStatus: 'sent',
      },
      after: {
        leadId: 'lead-ana',
        interactionId: 'int-1',
        type: 'whatsapp',
        direction: 'outbound',
        occurredAt: '2026-03-02T15:00:00.000Z',
        deliveryStatus: 'read',
      },
      at: streamTime,
    });
  });

  it('reads an insert with only an after and a removal with only a before', () => {
    const inserted = readActivityChange(record('INSERT', { after: interactionImage() }));
    expect(inserted).toMatchObject({ kind: 'interaction', after: { interactionId: 'int-1' } });
    expect(inserted).not.toHaveProperty('before');
    const removed = readActivityChange(record('REMOVE', { before: interactionImage() }));
    expect(removed).toMatchObject({ kind: 'interaction', before: { interactionId: 'int-1' } });
    expect(removed).not.toHaveProperty('after');
  });

  it('skips an entry with an unknown direction', () => {
    expect(
      readActivityChange(record('INSERT', { after: interactionImage({ direction: s('sideways') }) })),
    ).toEqual({
      kind: 'skip',
      why: 'interaction image does not parse',
    });
  });
});

describe('reading a task change', () => {
  it('dates a written task at its update time and a removed one at the stream time', () => {
    expect(readActivityChange(record('INSERT', { after: taskImage() }))).toEqual({
      kind: 'task',
      taskId: 'task-call',
      leadId: 'lead-ana',
      agentId: 'agent-rivera',
      removed: false,
      at: '2026-03-02T15:10:00.000Z',
    });
    expect(readActivityChange(record('REMOVE', { before: taskImage() }))).toEqual({
      kind: 'task',
      taskId: 'task-call',
      leadId: 'lead-ana',
      agentId: 'agent-rivera',
      removed: true,
      at: streamTime,
    });
  });

  it('skips a task without its agent', () => {
    expect(readActivityChange(record('INSERT', { after: taskImage({ agentId: s('') }) }))).toEqual({
      kind: 'skip',
      why: 'task image does not parse',
    });
  });
});

describe('reading a reply', () => {
  it('reads a new reply event with its channel and time', () => {
    expect(readActivityChange(record('INSERT', { after: replyImage() }))).toEqual({
      kind: 'reply',
      leadId: 'lead-ana',
      channel: 'whatsapp',
      at: '2026-03-02T15:20:00.000Z',
    });
  });

  it('skips a reply written again, a removed one, and other lead events', () => {
    const skip = { kind: 'skip', why: 'not a reply' };
    expect(readActivityChange(record('MODIFY', { before: replyImage(), after: replyImage() }))).toEqual(skip);
    expect(readActivityChange(record('REMOVE', { before: replyImage() }))).toEqual(skip);
    expect(
      readActivityChange(record('INSERT', { after: replyImage({ type: s('lead.opted_out') }) })),
    ).toEqual(skip);
    expect(readActivityChange(record('INSERT', { after: replyImage({ channel: s('') }) }))).toEqual(skip);
  });
});

describe('reading a follow-up step result', () => {
  it('reads the status it moved from and to, at the result update time', () => {
    expect(
      readActivityChange(
        record('MODIFY', {
          before: stepImage('sent', '2026-03-02T15:00:00.000Z'),
          after: stepImage('delivered', '2026-03-02T15:05:00.000Z'),
        }),
      ),
    ).toEqual({
      kind: 'followUpStep',
      enrollmentId: 'enr-1',
      before: 'sent',
      after: 'delivered',
      at: '2026-03-02T15:05:00.000Z',
    });
  });

  it('reads a new result without a before, and skips a removed one', () => {
    const inserted = readActivityChange(
      record('INSERT', { after: stepImage('sent', '2026-03-02T15:00:00.000Z') }),
    );
    expect(inserted).toEqual({
      kind: 'followUpStep',
      enrollmentId: 'enr-1',
      after: 'sent',
      at: '2026-03-02T15:00:00.000Z',
    });
    expect(
      readActivityChange(record('REMOVE', { before: stepImage('sent', '2026-03-02T15:00:00.000Z') })),
    ).toEqual({
      kind: 'skip',
      why: 'not a step result',
    });
  });

  it('leaves out a before image that does not parse', () => {
    const broken = { __edb_e__: s('followUpStepResult'), enrollmentId: s('enr-1') };
    const change = readActivityChange(
      record('MODIFY', { before: broken, after: stepImage('read', '2026-03-02T15:09:00.000Z') }),
    );
    expect(change).toEqual({
      kind: 'followUpStep',
      enrollmentId: 'enr-1',
      after: 'read',
      at: '2026-03-02T15:09:00.000Z',
    });
  });
});

describe('reading other entities', () => {
  afterEach(() => {
    delete otherOfflineEntities.device;
  });

  it('skips an entity the app does not keep offline, and a record without images', () => {
    const skip = { kind: 'skip', why: 'not an activity change' };
    const device = { __edb_e__: s('device'), deviceId: s('dev-1'), agentId: s('agent-rivera') };
    expect(readActivityChange(record('INSERT', { after: device }))).toEqual(skip);
    expect(readActivityChange({ eventName: 'INSERT' })).toEqual(skip);
    const listing = { __edb_e__: s('listing'), listingId: s('lst-1'), updatedAt: s(streamTime) };
    expect(readActivityChange(record('INSERT', { after: listing }))).toEqual({
      kind: 'skip',
      why: 'listing image does not parse',
    });
  });

  it("sends an offline entity's change to its owner's feed, and skips one without its owner or id", () => {
    otherOfflineEntities.device = 'listing';
    const device = { __edb_e__: s('device'), deviceId: s('dev-1'), agentId: s('agent-rivera') };
    expect(readActivityChange(record('REMOVE', { before: device }))).toEqual({
      kind: 'owned',
      feedKind: 'listing',
      entityId: 'dev-1',
      agentId: 'agent-rivera',
      removed: true,
      at: streamTime,
    });
    expect(readActivityChange(record('INSERT', { after: device }))).toMatchObject({ removed: false });
    const skip = { kind: 'skip', why: 'not an activity change' };
    expect(readActivityChange(record('INSERT', { after: { ...device, agentId: { N: '7' } } }))).toEqual(skip);
    const { deviceId: _, ...withoutId } = device;
    expect(readActivityChange(record('INSERT', { after: withoutId }))).toEqual(skip);
  });
});

describe('stream images as plain data', () => {
  it('reads every attribute type DynamoDB writes', () => {
    expect(
      imageOf({
        text: s('hi'),
        count: { N: '3.5' },
        flag: { BOOL: false },
        nothing: { NULL: true },
        nested: { M: { inner: { N: '1' } } },
        list: { L: [s('a'), { N: '2' }] },
        tags: { SS: ['x', 'y'] },
        numbers: { NS: ['1', '2'] },
        bytes: { B: 'AAEC' } as unknown as AttributeValue,
      }),
    ).toEqual({
      text: 'hi',
      count: 3.5,
      flag: false,
      nothing: null,
      nested: { inner: 1 },
      list: ['a', 2],
      tags: ['x', 'y'],
      numbers: [1, 2],
      bytes: undefined,
    });
    expect(imageOf(undefined)).toEqual({});
  });
});

describe('reading a follow-up change', () => {
  const message = (status: string, before?: string): DynamoDBRecord => ({
    eventName: 'MODIFY',
    dynamodb: {
      NewImage: interactionImage({
        deliveryStatus: s(status),
        metadata: { M: { followUp: { M: { enrollmentId: s('enr-1'), stepIndex: { N: '1' } } } } },
      }),
      ...(before && { OldImage: interactionImage({ deliveryStatus: s(before) }) }),
    },
  });

  it('reads a lead event with its channel and data, and without them when absent', () => {
    const event = {
      __edb_e__: s('leadEvent'),
      leadId: s('lead-ana'),
      eventId: s('evt-2'),
      type: s('lead.opted_out'),
      occurredAt: s('2026-03-02T15:20:00.000Z'),
    };
    expect(readFollowUpChange({ eventName: 'INSERT', dynamodb: { NewImage: event } })).toEqual({
      kind: 'leadEvent',
      event: {
        leadId: 'lead-ana',
        eventId: 'evt-2',
        type: 'lead.opted_out',
        occurredAt: '2026-03-02T15:20:00.000Z',
      },
    });
    const withData = { ...event, channel: s('email'), data: { M: { reason: s('STOP') } } };
    expect(readFollowUpChange({ eventName: 'INSERT', dynamodb: { NewImage: withData } })).toMatchObject({
      event: { channel: 'email', data: { reason: 'STOP' } },
    });
    expect(
      readFollowUpChange({
        eventName: 'INSERT',
        dynamodb: { NewImage: { ...event, type: s('lead.unknown') } },
      }),
    ).toEqual({
      kind: 'skip',
      why: 'lead event image does not parse',
    });
  });

  it('reads a first delivery with no old image, and skips a message that is not a follow-up', () => {
    expect(readFollowUpChange(message('delivered'))).toEqual({
      kind: 'stepDelivery',
      delivery: { enrollmentId: 'enr-1', stepIndex: 1, status: 'delivered' },
    });
    expect(
      readFollowUpChange({
        eventName: 'INSERT',
        dynamodb: { NewImage: interactionImage({ deliveryStatus: s('read') }) },
      }),
    ).toEqual({
      kind: 'skip',
      why: 'not a follow-up message status',
    });
    expect(readFollowUpChange(message('read', 'read'))).toEqual({ kind: 'skip', why: 'status unchanged' });
    expect(readFollowUpChange({ eventName: 'INSERT' })).toEqual({
      kind: 'skip',
      why: 'not a follow-up change',
    });
    expect(readFollowUpChange({ eventName: 'REMOVE', dynamodb: { OldImage: interactionImage() } })).toEqual({
      kind: 'skip',
      why: 'not a follow-up change',
    });
  });
});
