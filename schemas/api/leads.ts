import * as z from 'zod';
import {
  cursorSchema,
  idSchema,
  isoDateTime,
  limitSchema,
  moneySchema,
  pageOf,
  versionSchema,
} from './common';

export const leadSources = [
  'facebook_comment',
  'facebook_lead_ad',
  'whatsapp',
  'website',
  'portal',
  'referral',
  'walk_in',
  'phone_call',
  'direct',
  'other',
] as const;
export const leadSourceSchema = z.enum(leadSources);
export type LeadSource = z.infer<typeof leadSourceSchema>;

export const leadStatuses = [
  'new',
  'contacted',
  'qualified',
  'viewing',
  'negotiating',
  'converted',
  'lost',
] as const;
export const leadStatusSchema = z.enum(leadStatuses);
export type LeadStatus = z.infer<typeof leadStatusSchema>;

export const temperatures = ['hot', 'warm', 'cold'] as const;
export const temperatureSchema = z.enum(temperatures);
export type Temperature = z.infer<typeof temperatureSchema>;

const tag = z.string().trim().min(1).max(32);
export const tagsSchema = z.array(tag).max(20);

/** A phone as typed by the agent; the API normalises it to E.164 with the agent's default country. */
const phoneInput = z
  .string()
  .trim()
  .min(3)
  .max(32)
  .regex(/^\+?[0-9 ().-]+$/, 'must be a phone number: digits, spaces, ( ) . - and an optional leading +')
  .meta({
    example: '+1 212 555 0142',
    description:
      "A phone number as written: digits with spaces, ( ) . or -, and a leading + for the country code. Without +, it is read in the agent's default country. It must be a valid number for its country, and is stored and returned in E.164 (+12125550142).",
  });
const emailInput = z.email().max(254).meta({ example: 'dana.lee@example.com' });

export const propertyInterestSchema = z
  .strictObject({
    propertyId: idSchema.optional(),
    summary: z.string().trim().max(280).optional().meta({ example: '3-bed townhouse in Riverside' }),
    area: z.string().trim().max(80).optional(),
    propertyType: z.string().trim().max(40).optional(),
    bedrooms: z.number().int().min(0).max(20).optional(),
    price: moneySchema.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional(),
  })
  .meta({ id: 'PropertyInterest' });
export type PropertyInterest = z.infer<typeof propertyInterestSchema>;

/** Social engagement counted from Facebook and WhatsApp activity; feeds the engagement factor. */
export const engagementSchema = z
  .object({
    likes: z.number().int().min(0),
    shares: z.number().int().min(0),
    comments: z.number().int().min(0),
    replies: z.number().int().min(0),
  })
  .meta({ id: 'Engagement' });
export type Engagement = z.infer<typeof engagementSchema>;

/** What is known of the person; every field optional, used by the profile factor. */
export const leadProfileSchema = z
  .strictObject({
    job: z.string().trim().max(80).optional(),
    location: z.string().trim().max(80).optional(),
    familyStatus: z.string().trim().max(40).optional(),
    budgetMin: moneySchema.optional(),
    budgetMax: moneySchema.optional(),
  })
  .meta({ id: 'LeadProfile' });
export type LeadProfile = z.infer<typeof leadProfileSchema>;

export const consentStates = ['opted_in', 'opted_out'] as const;

/**
 * Per-channel consent of the lead's contact points (it belongs to the number or address, across the brokerage);
 * absent means never asked, which allows replies inside the rules of the channel.
 */
export const consentSchema = z
  .object({
    whatsapp: z.enum(consentStates).optional(),
    whatsappChangedAt: isoDateTime.optional().meta({
      description: 'When the person gave the WhatsApp consent; a change older than this is ignored.',
    }),
    email: z.enum(consentStates).optional(),
    emailChangedAt: isoDateTime.optional().meta({ description: 'When the person gave the email consent.' }),
    updatedAt: isoDateTime.optional(),
  })
  .meta({ id: 'Consent' });
export type Consent = z.infer<typeof consentSchema>;

export const outcomeSchema = z
  .object({
    result: z.enum(['converted', 'lost']),
    reason: z.string().optional(),
    at: isoDateTime,
  })
  .meta({ id: 'LeadOutcome' });

export const leadSchema = z
  .object({
    leadId: idSchema,
    agentId: z.string(),
    brokerageId: z.string(),
    name: z.string(),
    phone: z.string().optional().meta({ description: 'E.164' }),
    email: z.string().optional(),
    source: leadSourceSchema,
    status: leadStatusSchema,
    temperature: temperatureSchema,
    temperatureSetBy: z.enum(['score', 'agent']),
    score: z
      .number()
      .int()
      .min(0)
      .max(100)
      .meta({ description: '1-100 once scored; 0 until the first score.' }),
    confidence: z.number().min(0).max(1).optional(),
    scoredAt: isoDateTime.optional(),
    scoreProvider: z.enum(['bedrock', 'heuristic']).optional(),
    tags: z.array(z.string()),
    initialMessage: z.string().optional(),
    propertyInterest: propertyInterestSchema.optional(),
    profile: leadProfileSchema.optional(),
    engagement: engagementSchema,
    lastInteractionAt: isoDateTime.optional(),
    lastInboundAt: isoDateTime
      .optional()
      .meta({ description: "The lead's last message to us: opens WhatsApp's 24-hour window." }),
    waId: z.string().optional().meta({ description: 'WhatsApp id of the lead, when known.' }),
    phoneStatus: z.enum(['ok', 'invalid']).optional(),
    consent: consentSchema.optional(),
    outcome: outcomeSchema.optional(),
    version: z.number().int().min(1),
    createdAt: isoDateTime,
    updatedAt: isoDateTime,
  })
  .meta({ id: 'Lead' });
export type Lead = z.infer<typeof leadSchema>;

export const createLeadBody = z
  .strictObject({
    name: z.string().trim().min(1).max(120),
    phone: phoneInput.optional(),
    email: emailInput.optional(),
    source: leadSourceSchema.default('direct'),
    message: z
      .string()
      .trim()
      .max(4000)
      .optional()
      .meta({ description: "The lead's first message or inquiry." }),
    propertyInterest: propertyInterestSchema.optional(),
    profile: leadProfileSchema.optional(),
    tags: tagsSchema.optional(),
  })
  .meta({ id: 'CreateLead' });
export type CreateLeadBody = z.infer<typeof createLeadBody>;

export const updateLeadBody = z
  .strictObject({
    version: versionSchema.optional().meta({ description: 'The version you read; or send If-Match.' }),
    name: z.string().trim().min(1).max(120).optional(),
    phone: phoneInput.nullable().optional(),
    email: emailInput.nullable().optional(),
    status: leadStatusSchema.optional(),
    temperature: temperatureSchema
      .nullable()
      .optional()
      .meta({ description: 'Set by hand ("mark hot"); null hands it back to the score.' }),
    tags: tagsSchema.optional(),
    propertyInterest: propertyInterestSchema.nullable().optional(),
    profile: leadProfileSchema.optional(),
  })
  .meta({ id: 'UpdateLead' });
export type UpdateLeadBody = z.infer<typeof updateLeadBody>;

export const listLeadsQuery = z.strictObject({
  status: leadStatusSchema.optional(),
  temperature: temperatureSchema.optional(),
  sort: z.enum(['newest', 'score']).default('newest'),
  agentId: z.string().max(128).optional().meta({ description: "Brokerage admins only: one agent's leads." }),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});
export type ListLeadsQuery = z.infer<typeof listLeadsQuery>;

export const leadPageSchema = pageOf(leadSchema, 'LeadPage');

export const duplicateLeadProblem = z.object({ existingLeadId: idSchema, field: z.enum(['phone', 'email']) });
