import * as z from 'zod';
import { cursorSchema, idSchema, isoDateTime } from './common';
import { leadSchema } from './leads';
import { listingSchema } from './listings';
import { taskSchema } from './tasks';
import { interactionSchema } from './timeline';

export const syncQuery = z.strictObject({
  since: cursorSchema.optional().meta({
    description:
      'The `nextCursor` of the last page read; absent: from the start. An older `p<n>` cursor still works: it reads the listings from their first change.',
  }),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export type SyncQuery = z.infer<typeof syncQuery>;

export const syncChangeSchema = z
  .object({
    position: z.number().int().min(1).meta({
      description:
        "Its place in its feed: the agent's own for leads, tasks and timeline entries; the brokerage's listings feed (shared by all its agents) for listings.",
    }),
    kind: z
      .enum(['lead', 'task', 'interaction', 'listing'])
      .meta({ description: '`listing`: one of the brokerage’s listings, the same for every agent of it.' }),
    id: z.string(),
    leadId: idSchema.optional(),
    op: z.enum(['upsert', 'delete']).meta({
      description:
        '`delete`: a tombstone; drop it (a lead with its timeline; a listing removed from the brokerage).',
    }),
    changedAt: isoDateTime,
    data: z
      .union([leadSchema, taskSchema, interactionSchema, listingSchema, z.record(z.string(), z.unknown())])
      .optional()
      .meta({
        description: 'The item as it is now, on upserts (a listing as `GET /listings/{listingId}` shows it).',
      }),
  })
  .meta({ id: 'SyncChange' });
export type SyncChange = z.infer<typeof syncChangeSchema>;

export const syncPageSchema = z
  .object({
    changes: z.array(syncChangeSchema),
    nextCursor: z.string().meta({
      description:
        'Pass as `since` next time; the same cursor when nothing changed. It carries a position in the agent’s feed and one in the brokerage’s listings feed.',
    }),
    hasMore: z.boolean(),
  })
  .meta({ id: 'SyncPage' });
export type SyncPage = z.infer<typeof syncPageSchema>;
