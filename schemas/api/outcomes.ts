import * as z from 'zod';
import { factorValuesSchema, scoringOutcomeSchema } from '../scoring';
import { cursorSchema, idSchema, isoDateTime, limitSchema, pageOf } from './common';

/**
 * A recorded conversion or loss as the learned models saw it: what the lead showed, who recorded it
 * and how much it counted. An admin can void one, which takes its evidence back out of the models.
 */
export const scoringOutcomeRecordSchema = z
  .object({
    outcomeId: idSchema,
    leadId: idSchema,
    agentId: z.string().meta({ description: "The lead's agent: whose own model learned from it." }),
    recordedBy: z
      .string()
      .meta({ description: 'Who recorded it: whose share of the brokerage evidence it is.' }),
    result: scoringOutcomeSchema,
    values: factorValuesSchema,
    signals: z.array(z.string()),
    weights: z
      .object({ brokerage: z.number().min(0).max(1), agent: z.number().min(0).max(1) })
      .meta({ description: 'How much it counted in each model (the brokerage bounds one agent’s share).' }),
    probabilities: z.object({ brokerage: z.number().min(0).max(1), agent: z.number().min(0).max(1) }).meta({
      description: 'The chance each model gave the lead when it learned from it; a void undoes that step.',
    }),
    recordedAt: isoDateTime,
    voidedAt: isoDateTime.optional(),
    voidedBy: z.string().optional(),
  })
  .meta({ id: 'ScoringOutcomeRecord' });
export type ScoringOutcomeRecord = z.infer<typeof scoringOutcomeRecordSchema>;

export const outcomeIdParams = z.strictObject({ outcomeId: idSchema });

export const listOutcomesQuery = z.strictObject({
  limit: limitSchema,
  cursor: cursorSchema.optional(),
  recordedBy: z
    .string()
    .min(1)
    .max(128)
    .optional()
    .meta({ description: 'Only the outcomes one agent recorded.' }),
});

export const scoringOutcomePageSchema = pageOf(scoringOutcomeRecordSchema, 'ScoringOutcomePage');
