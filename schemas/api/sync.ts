import * as z from 'zod';
import { cursorSchema, idSchema, isoDateTime } from './common';
import { leadSchema } from './leads';
import { taskSchema } from './tasks';
import { interactionSchema } from './timeline';

export const syncQuery = z.strictObject({
  since: cursorSchema
    .optional()
    .meta({ description: 'The `nextCursor` of the last page read; absent: from the start.' }),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type SyncQuery = z.infer<typeof syncQuery>;

export const syncChangeSchema = z
  .object({
    position: z.number().int().min(1),
    kind: z.enum(['lead', 'task', 'interaction', 'listing']),
    id: z.string(),
    leadId: idSchema.optional(),
    op: z
      .enum(['upsert', 'delete'])
      .meta({ description: '`delete`: a tombstone; drop it (a lead with its timeline).' }),
    changedAt: isoDateTime,
    data: z
      .union([leadSchema, taskSchema, interactionSchema, z.record(z.string(), z.unknown())])
      .optional()
      .meta({ description: 'The item as it is now, on upserts.' }),
  })
  .meta({ id: 'SyncChange' });
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const syncPageSchema = z
  .object({
    changes: z.array(syncChangeSchema),
    nextCursor: z
      .string()
      .meta({ description: 'Pass as `since` next time; the same cursor when nothing changed.' }),
    hasMore: z.boolean(),
  })
  .meta({ id: 'SyncPage' });
export type SyncPage = z.infer<typeof syncPageSchema>;
