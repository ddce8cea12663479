import * as z from 'zod';
import { isoDateTime } from './common';

/**
 * A Lead Ads form we were told about but could not read from Meta (an expired page token, a missing
 * permission): ids only, never the person's answers, until a retry reads it and makes the lead.
 */
export const parkedLeadSchema = z
  .object({
    leadgenId: z.string(),
    pageId: z.string(),
    formId: z.string(),
    adId: z.string().optional(),
    adgroupId: z.string().optional(),
    createdTime: isoDateTime.meta({ description: 'When the person sent the form.' }),
    code: z
      .number()
      .int()
      .optional()
      .meta({ description: "Meta's error code of the last failure (190: the access token expired)." }),
    reason: z.string().meta({ description: 'What Meta or the backend said, last time.' }),
    attempts: z.number().int().min(1),
    parkedAt: isoDateTime,
    lastAttemptAt: isoDateTime,
  })
  .meta({ id: 'ParkedLead' });
export type ParkedLead = z.infer<typeof parkedLeadSchema>;

export const parkedLeadListSchema = z
  .object({ items: z.array(parkedLeadSchema).meta({ description: 'Oldest first.' }) })
  .meta({ id: 'ParkedLeadList' });

export const parkedLeadRetrySchema = z
  .object({
    tried: z.number().int().min(0),
    recorded: z.number().int().min(0),
    stillParked: z.number().int().min(0),
    outcomes: z.array(
      z.object({
        leadgenId: z.string(),
        result: z.enum(['recorded', 'still_parked', 'not_tried']),
        leadId: z.string().optional(),
        code: z.number().int().optional(),
      }),
    ),
  })
  .meta({ id: 'ParkedLeadRetry' });
export type ParkedLeadRetry = z.infer<typeof parkedLeadRetrySchema>;
