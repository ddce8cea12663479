import type { DynamoDBRecord } from 'aws-lambda';
import * as z from 'zod';
import { leadSources, leadStatuses, temperatures } from '../../../schemas/api/leads';
import type { ActivityChange, InteractionFacts } from '../../domain/activity/activity-change';
import type { FeedKind, LeadFacts } from '../../ports/activity-store';
import { listingsFeedOf } from '../../ports/change-feed';
import { imageOf } from './follow-up-stream-record';

const leadImage = z.object({
  leadId: z.string().min(1),
  agentId: z.string().min(1),
  brokerageId: z.string().min(1),
  source: z.enum(leadSources),
  status: z.enum(leadStatuses),
  temperature: z.enum(temperatures),
  score: z.number(),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
  outcome: z.object({ result: z.enum(['converted', 'lost']) }).optional(),
  erasing: z.boolean().optional(),
});

const interactionImage = z.object({
  leadId: z.string().min(1),
  interactionId: z.string().min(1),
  type: z.string(),
  direction: z.enum(['inbound', 'outbound', 'internal']),
  occurredAt: z.string().min(1),
  deliveryStatus: z.string().optional(),
});

const taskImage = z.object({
  taskId: z.string().min(1),
  leadId: z.string().min(1),
  agentId: z.string().min(1),
  updatedAt: z.string().min(1),
});
const listingImage = z.object({
  listingId: z.string().min(1),
  brokerageId: z.string().min(1),
  updatedAt: z.string().min(1),
});
const replyImage = z.object({
  leadId: z.string().min(1),
  type: z.literal('lead.replied'),
  channel: z.string().min(1),
  occurredAt: z.string(),
});
const stepImage = z.object({ enrollmentId: z.string().min(1), status: z.string(), updatedAt: z.string() });

/** Lead facts of an image (no words, no contact details), or undefined when it is not a lead's. */
export const leadFactsOf = (
  image: Record<string, unknown>,
): (LeadFacts & { updatedAt: string }) | undefined => {
  const parsed = leadImage.safeParse(image);
  if (!parsed.success) return undefined;
  const { outcome, erasing, ...facts } = parsed.data;
  return { ...facts, ...(outcome && { outcome: outcome.result }), ...(erasing && { erasing }) };
};

const interactionFactsOf = (image: Record<string, unknown>): InteractionFacts | undefined => {
  const parsed = interactionImage.safeParse(image);
  return parsed.success ? parsed.data : undefined;
};

/**
 * Other entities of one agent's that the app keeps offline, by ElectroDB entity name: each item carries
 * its owner's `agentId` and its id as `<entity>Id`; a change of one goes to that agent's feed. A new
 * entity joins by adding its name here and to the consumer's filter. (Listings belong to the whole
 * brokerage: they go to its listings feed, below.)
 */
export const otherOfflineEntities: Record<string, FeedKind> = {};

const recordTime = (record: DynamoDBRecord) =>
  new Date((record.dynamodb?.ApproximateCreationDateTime ?? 0) * 1000).toISOString();

/**
 * What a stream record means to the activity consumer: a lead, timeline entry, task or listing that
 * changed, a reply, a follow-up step's result, or nothing. Reads ids and counts only, never words.
 */
export const readActivityChange = (record: DynamoDBRecord): ActivityChange => {
  const after = record.dynamodb?.NewImage ? imageOf(record.dynamodb.NewImage) : undefined;
  const before = record.dynamodb?.OldImage ? imageOf(record.dynamodb.OldImage) : undefined;
  const entity = (after ?? before)?.__edb_e__;
  switch (entity) {
    case 'lead': {
      const next = after && leadFactsOf(after);
      const previous = before && leadFactsOf(before);
      if (!next && !previous) return { kind: 'skip', why: 'lead image does not parse' };
      const at = next?.updatedAt ?? recordTime(record);
      const strip = (facts: typeof next) => {
        if (!facts) return undefined;
        const { updatedAt: _, ...rest } = facts;
        return rest;
      };
      const [b, a] = [strip(previous), strip(next)];
      return { kind: 'lead', ...(b && { before: b }), ...(a && { after: a }), at };
    }
    case 'interaction': {
      const next = after && interactionFactsOf(after);
      const previous = before && interactionFactsOf(before);
      if (!next && !previous) return { kind: 'skip', why: 'interaction image does not parse' };
      return {
        kind: 'interaction',
        ...(previous && { before: previous }),
        ...(next && { after: next }),
        at: recordTime(record),
      };
    }
    case 'task': {
      const parsed = taskImage.safeParse(after ?? before);
      if (!parsed.success) return { kind: 'skip', why: 'task image does not parse' };
      const { taskId, leadId, agentId, updatedAt } = parsed.data;
      return {
        kind: 'task',
        taskId,
        leadId,
        agentId,
        removed: !after,
        at: after ? updatedAt : recordTime(record),
      };
    }
    case 'listing': {
      // One entry in the brokerage's listings feed, which all its agents read: never one per agent.
      const parsed = listingImage.safeParse(after ?? before);
      if (!parsed.success) return { kind: 'skip', why: 'listing image does not parse' };
      const { listingId, brokerageId, updatedAt } = parsed.data;
      return {
        kind: 'owned',
        feedKind: 'listing',
        entityId: listingId,
        agentId: listingsFeedOf(brokerageId),
        removed: !after,
        at: after ? updatedAt : recordTime(record),
      };
    }
    case 'leadEvent': {
      const parsed = after && record.eventName === 'INSERT' ? replyImage.safeParse(after) : undefined;
      if (!parsed?.success) return { kind: 'skip', why: 'not a reply' };
      return {
        kind: 'reply',
        leadId: parsed.data.leadId,
        channel: parsed.data.channel,
        at: parsed.data.occurredAt,
      };
    }
    case 'followUpStepResult': {
      const parsed = after ? stepImage.safeParse(after) : undefined;
      if (!parsed?.success) return { kind: 'skip', why: 'not a step result' };
      const previous = before ? stepImage.safeParse(before) : undefined;
      return {
        kind: 'followUpStep',
        enrollmentId: parsed.data.enrollmentId,
        ...(previous?.success && { before: previous.data.status }),
        after: parsed.data.status,
        at: parsed.data.updatedAt,
      };
    }
    default: {
      const feedKind = otherOfflineEntities[String(entity)];
      const owner = (after ?? before)?.agentId;
      const id = (after ?? before)?.[`${String(entity)}Id`];
      if (!feedKind || typeof owner !== 'string' || typeof id !== 'string') {
        return { kind: 'skip', why: 'not an activity change' };
      }
      return {
        kind: 'owned',
        feedKind,
        entityId: id,
        agentId: owner,
        removed: !after,
        at: recordTime(record),
      };
    }
  }
};
