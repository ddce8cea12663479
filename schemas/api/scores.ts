import * as z from 'zod';
import { leadScoreSchema } from '../scoring';
import { cursorSchema, idSchema, limitSchema, pageOf } from './common';

export const scoreTriggers = [
  'created',
  'on_demand',
  'message_in',
  'message_out',
  'status_change',
  'outcome',
  'profile_change',
] as const;
export const scoreTriggerSchema = z.enum(scoreTriggers);
export type ScoreTrigger = z.infer<typeof scoreTriggerSchema>;

export const scoreSnapshotSchema = z
  .object({ snapshotId: idSchema, leadId: idSchema, trigger: scoreTriggerSchema, score: leadScoreSchema })
  .meta({ id: 'ScoreSnapshot' });
export type ScoreSnapshot = z.infer<typeof scoreSnapshotSchema>;

export const scoreHistoryQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema.optional() });

export const scoreHistoryPageSchema = pageOf(scoreSnapshotSchema, 'ScoreHistoryPage');
