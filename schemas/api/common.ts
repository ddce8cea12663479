import * as z from 'zod';

/** RFC 9457 problem details, as every error response is shaped. */
export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'One entry per failing field, named by its path (e.g. `phone`, `tags.2`).' }),
  })
  .catchall(z.unknown())
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof problemSchema>;

export const isoDateTime = z.iso.datetime({ offset: true }).meta({ example: '2026-11-25T09:30:00.000Z' });

/** A ULID: what the id module makes for every item of ours. */
export const idPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;

export const idSchema = z
  .string()
  .regex(idPattern, 'must be a valid id')
  .meta({ example: '01JD7Q3M2Y9V1X8K4T6R5W0ZAB' });

export const cursorSchema = z.string().max(2048).meta({ description: 'Opaque cursor from a previous page.' });

export const limitSchema = z.coerce.number().int().min(1).max(100).default(25);

/**
 * An amount of money in major units (dollars, pesos): 1 to 100 billion, at most two decimals. A
 * business bound far inside what DynamoDB stores (1E-130 to 1E+126, 38 digits).
 */
export const moneySchema = z
  .number()
  .min(1)
  .max(1e11)
  .multipleOf(0.01)
  // zod-to-openapi does not render multipleOf by itself.
  .meta({ multipleOf: 0.01, example: 450000 });

/** The optimistic-locking version a client read; as many digits as an If-Match header may carry. */
export const versionSchema = z.number().int().min(1).max(999_999_999_999);

export const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z
        .string()
        .nullable()
        .meta({ description: 'Pass as `cursor` for the next page; null at the end.' }),
    })
    .meta({ id });

export const leadIdParams = z.strictObject({ leadId: idSchema });
