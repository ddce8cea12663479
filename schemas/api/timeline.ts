import * as z from 'zod';
import { cursorSchema, idSchema, isoDateTime, limitSchema, pageOf } from './common';

export const interactionTypes = [
  'comment',
  'whatsapp',
  'call',
  'email',
  'meeting',
  'note',
  'system',
  'consent',
] as const;
export const interactionTypeSchema = z.enum(interactionTypes);
export type InteractionType = z.infer<typeof interactionTypeSchema>;

export const interactionSchema = z
  .object({
    interactionId: idSchema,
    leadId: idSchema,
    type: interactionTypeSchema,
    direction: z.enum(['inbound', 'outbound', 'internal']),
    text: z.string().optional(),
    occurredAt: isoDateTime,
    createdBy: z.string().optional().meta({ description: 'Agent id, or "system".' }),
    externalId: z.string().optional().meta({ description: 'Channel message id, e.g. a WhatsApp wamid.' }),
    deliveryStatus: z.enum(['accepted', 'sent', 'delivered', 'read', 'failed']).optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Interaction' });
export type Interaction = z.infer<typeof interactionSchema>;

export const addNoteBody = z
  .strictObject({ text: z.string().trim().min(1).max(4000) })
  .meta({ id: 'AddNote' });

export const timelineQuery = z.strictObject({ limit: limitSchema, cursor: cursorSchema.optional() });

export const timelinePageSchema = pageOf(interactionSchema, 'TimelinePage');
