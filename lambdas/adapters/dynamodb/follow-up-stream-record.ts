import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import type { StepDelivery } from '../../domain/followups/react-to-step-delivery';
import { type LeadEvent, leadEventTypes } from '../../ports/lead-events';

/** A stream image's attribute as plain data (maps, lists, strings, numbers, booleans). */
const plain = (value: AttributeValue): unknown => {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL) return null;
  if (value.M) return imageOf(value.M);
  if (value.L) return value.L.map(plain);
  if (value.SS) return value.SS;
  if (value.NS) return value.NS.map(Number);
  return undefined;
};

/** A stream image as plain data. */
export const imageOf = (image: Record<string, AttributeValue> | undefined): Record<string, unknown> =>
  Object.fromEntries(Object.entries(image ?? {}).map(([name, value]) => [name, plain(value)]));

const leadEventImage = z.object({
  leadId: z.string().min(1),
  eventId: z.string().min(1),
  type: z.enum(leadEventTypes),
  channel: z.string().optional(),
  occurredAt: z.string().min(1),
  data: z.record(z.string(), z.unknown()).optional(),
});

const followUpMessageImage = z.object({
  deliveryStatus: z.enum(['delivered', 'read']),
  metadata: z.object({
    followUp: z.object({ enrollmentId: z.string().min(1), stepIndex: z.number().int().nonnegative() }),
  }),
});

export type FollowUpChange =
  | { kind: 'leadEvent'; event: LeadEvent }
  | { kind: 'stepDelivery'; delivery: StepDelivery }
  | { kind: 'skip'; why: string };

/**
 * What a stream record means to the follow-up engine: a lead event, a follow-up message that got
 * further, or nothing (a status written again, an image that does not parse). Ids only, never words.
 */
export const readFollowUpChange = (record: DynamoDBRecord): FollowUpChange => {
  const next = imageOf(record.dynamodb?.NewImage);
  if (next.__edb_e__ === 'leadEvent') {
    const parsed = leadEventImage.safeParse(next);
    if (!parsed.success) return { kind: 'skip', why: 'lead event image does not parse' };
    const { data, channel, ...event } = parsed.data;
    return { kind: 'leadEvent', event: { ...event, ...(channel && { channel }), ...(data && { data }) } };
  }
  if (next.__edb_e__ === 'interaction') {
    const parsed = followUpMessageImage.safeParse(next);
    if (!parsed.success) return { kind: 'skip', why: 'not a follow-up message status' };
    const before = imageOf(record.dynamodb?.OldImage);
    if (before.deliveryStatus === parsed.data.deliveryStatus)
      return { kind: 'skip', why: 'status unchanged' };
    const { enrollmentId, stepIndex } = parsed.data.metadata.followUp;
    return {
      kind: 'stepDelivery',
      delivery: { enrollmentId, stepIndex, status: parsed.data.deliveryStatus },
    };
  }
  return { kind: 'skip', why: 'not a follow-up change' };
};
