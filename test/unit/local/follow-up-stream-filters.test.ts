import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { readFollowUpChange } from '../../../lambdas/adapters/dynamodb/follow-up-stream-record';
import { passesFilters } from '../../../lib/local/stream-filter';
import { followUpReactionFilters } from '../../../schemas/follow-up-reactions';

const leadEvent = (type: string, eventName = 'INSERT'): DynamoDBRecord => ({
  eventName: eventName as DynamoDBRecord['eventName'],
  dynamodb: {
    SequenceNumber: '100',
    NewImage: {
      __edb_e__: { S: 'leadEvent' },
      leadId: { S: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB' },
      eventId: { S: '01JD7Q3M2Y9V1X8K4T6R5W0ZAC' },
      type: { S: type },
      occurredAt: { S: '2026-12-02T11:00:00.000Z' },
      data: { M: { result: { S: 'converted' } } },
    },
  },
});

const message = (before: string | undefined, after: string, followUp = true): DynamoDBRecord => {
  const image = (status: string | undefined) => ({
    __edb_e__: { S: 'interaction' },
    leadId: { S: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB' },
    direction: { S: 'outbound' },
    ...(status && { deliveryStatus: { S: status } }),
    ...(followUp && {
      metadata: {
        M: { followUp: { M: { enrollmentId: { S: 'lead_builtin-hot' }, stepIndex: { N: '1' } } } },
      },
    }),
  });
  return {
    eventName: 'MODIFY',
    dynamodb: { SequenceNumber: '101', OldImage: image(before), NewImage: image(after) },
  };
};

describe('the follow-up reactions filter and record reader (shared by the stack and npm start)', () => {
  it('passes new reply, opt-out and outcome events, not opt-ins or rewritten events', () => {
    for (const type of ['lead.replied', 'lead.opted_out', 'lead.outcome_recorded']) {
      expect(passesFilters(followUpReactionFilters, leadEvent(type)), type).toBe(true);
    }
    expect(passesFilters(followUpReactionFilters, leadEvent('lead.opted_in'))).toBe(false);
    expect(passesFilters(followUpReactionFilters, leadEvent('lead.replied', 'MODIFY'))).toBe(false);
  });

  it('passes a follow-up message reaching delivered or read, not a plain message or a sent one', () => {
    expect(passesFilters(followUpReactionFilters, message('sent', 'delivered'))).toBe(true);
    expect(passesFilters(followUpReactionFilters, message('delivered', 'read'))).toBe(true);
    expect(passesFilters(followUpReactionFilters, message('accepted', 'sent'))).toBe(false);
    expect(passesFilters(followUpReactionFilters, message('sent', 'delivered', false))).toBe(false);
  });

  it('reads a lead event and a step delivery from the images, and skips a status written again', () => {
    expect(readFollowUpChange(leadEvent('lead.outcome_recorded'))).toEqual({
      kind: 'leadEvent',
      event: {
        leadId: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB',
        eventId: '01JD7Q3M2Y9V1X8K4T6R5W0ZAC',
        type: 'lead.outcome_recorded',
        occurredAt: '2026-12-02T11:00:00.000Z',
        data: { result: 'converted' },
      },
    });
    expect(readFollowUpChange(message('sent', 'read'))).toEqual({
      kind: 'stepDelivery',
      delivery: { enrollmentId: 'lead_builtin-hot', stepIndex: 1, status: 'read' },
    });
    expect(readFollowUpChange(message('read', 'read')).kind).toBe('skip');
  });
});
