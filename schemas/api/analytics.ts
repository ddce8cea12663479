import * as z from 'zod';
import { leadSourceSchema, leadStatusSchema, temperatureSchema } from './leads';

const day = z.iso.date().meta({
  example: '2026-11-01',
  description: "A calendar day in the brokerage's time zone (`timeZone` of the response), YYYY-MM-DD.",
});

/** At most a little over a year per request: a counter item per day is read. */
export const maxAnalyticsDays = 366;

export const analyticsQuery = z
  .strictObject({
    from: day.optional().meta({ description: 'First day, inclusive (default: 29 days before `to`).' }),
    to: day
      .optional()
      .meta({ description: "Last day, inclusive (default: today in the brokerage's time zone)." }),
    agentId: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .meta({ description: "Admins: one agent's figures (default: the whole brokerage's)." }),
  })
  .superRefine((query, ctx) => {
    if (query.from && query.to && query.from > query.to) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after `to`' });
    }
    if (
      query.from &&
      query.to &&
      (Date.parse(query.to) - Date.parse(query.from)) / 86_400_000 >= maxAnalyticsDays
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['from'],
        message: `must be at most ${maxAnalyticsDays} days before \`to\``,
      });
    }
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

const rate = z
  .number()
  .min(0)
  .nullable()
  .meta({ description: 'A share from 0 to 1; null when nothing to divide by.' });

export const analyticsSchema = z
  .object({
    scope: z.object({ brokerageId: z.string(), agentId: z.string().optional() }),
    timeZone: z.string().meta({
      example: 'Asia/Dubai',
      description:
        "The IANA zone whose calendar days `from` and `to` are: the brokerage's, for every agent, so an " +
        "agent's figures and the brokerage's cover the same hours. A thing counts on the day it happened there.",
    }),
    from: day,
    to: day,
    funnel: z.array(z.object({ status: leadStatusSchema, entered: z.number().int() })).meta({
      description: 'How many leads reached each status within the range (a lead counts once per move).',
    }),
    leadsCreated: z.number().int(),
    conversionBySource: z.array(
      z.object({ source: leadSourceSchema, leads: z.number().int(), converted: z.number().int(), rate }),
    ),
    conversionByTemperature: z.array(
      z.object({
        temperature: temperatureSchema,
        leads: z.number().int(),
        converted: z.number().int(),
        rate,
      }),
    ),
    replyRates: z
      .array(
        z.object({
          channel: z.enum(['whatsapp', 'email', 'call']),
          leadType: leadSourceSchema,
          messaged: z.number().int(),
          replied: z.number().int(),
          rate,
        }),
      )
      .meta({
        description: 'Leads messaged on a channel and leads who replied there, by where the lead came from.',
      }),
    firstResponse: z.object({
      responded: z.number().int(),
      medianMinutesAtMost: z.number().nullable().meta({
        description:
          'The histogram bucket the median falls in, by its upper bound; null when above a day or none.',
      }),
      withinHourShare: rate,
      histogram: z.array(z.object({ upToMinutes: z.number().nullable(), count: z.number().int() })),
    }),
    followUps: z.object({ sent: z.number().int(), replied: z.number().int(), replyRate: rate }),
    whatsApp: z.object({
      sent: z.number().int(),
      delivered: z.number().int(),
      failed: z.number().int(),
      deliveryRate: rate,
    }),
    calibration: z.array(
      z.object({
        band: z.string().meta({ example: '81-100' }),
        closed: z.number().int(),
        predicted: rate.meta({ description: 'Mean score / 100 of the leads closed in this band.' }),
        observed: rate.meta({ description: 'Share of them that converted.' }),
      }),
    ),
  })
  .meta({ id: 'Analytics' });
export type Analytics = z.infer<typeof analyticsSchema>;
