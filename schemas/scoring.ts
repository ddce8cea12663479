import * as z from 'zod';
import { idSchema, isoDateTime } from './api/common';
import { temperatureSchema } from './api/leads';

/** The five scoring factors, in the order they are reported. */
export const scoringFactors = ['content', 'engagement', 'timing', 'source', 'profile'] as const;
export const scoringFactorSchema = z.enum(scoringFactors);
export type ScoringFactor = z.infer<typeof scoringFactorSchema>;

const unit = z.number().min(0).max(1);

/** One value in 0..1 per factor: what a score snapshot keeps and what learning records at outcome time. */
export const factorValuesSchema = z
  .strictObject({ content: unit, engagement: unit, timing: unit, source: unit, profile: unit })
  .meta({ id: 'FactorValues' });
export type FactorValues = z.infer<typeof factorValuesSchema>;

// ---------------------------------------------------------------------------------------------
// Content analysis

export const analysisProviders = ['bedrock', 'heuristic'] as const;
export const analysisProviderSchema = z.enum(analysisProviders);
export type AnalysisProvider = z.infer<typeof analysisProviderSchema>;

export const fallbackReasons = ['timeout', 'throttled', 'invalid_output', 'error'] as const;
export const fallbackReasonSchema = z.enum(fallbackReasons);
export type FallbackReason = z.infer<typeof fallbackReasonSchema>;

export const contentIntents = [
  'price',
  'viewing',
  'availability',
  'financing',
  'location',
  'features',
  'negotiation',
] as const;
export const contentIntentSchema = z.enum(contentIntents);
export type ContentIntent = z.infer<typeof contentIntentSchema>;

export const timeframes = ['immediate', 'this_week', 'this_month', 'later', 'unspecified'] as const;
export const timeframeSchema = z.enum(timeframes);
export type Timeframe = z.infer<typeof timeframeSchema>;

export const financingKinds = ['cash', 'pre_approved', 'mortgage_needed', 'unknown'] as const;
export const financingSchema = z.enum(financingKinds);
export type Financing = z.infer<typeof financingSchema>;

// At least 1: a model's 5e-324 is no budget, and DynamoDB cannot store it.
const amount = z.number().min(1).max(1e11);

// The two nested shapes below carry no schema id on purpose: the Bedrock tool schema must stay
// self-contained (no $ref), and the OpenAPI document inlines them.

export const statedBudgetSchema = z
  .strictObject({
    min: amount.optional(),
    max: amount.optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .meta({ description: 'ISO 4217, when the lead named one.' }),
  })
  .refine((b) => b.min !== undefined || b.max !== undefined, 'a budget needs min or max')
  .refine((b) => b.min === undefined || b.max === undefined || b.min <= b.max, 'min must not exceed max');
export type StatedBudget = z.infer<typeof statedBudgetSchema>;

export const preferencesSchema = z.strictObject({
  area: z.string().trim().min(1).max(80).optional(),
  propertyType: z.string().trim().min(1).max(40).optional(),
  bedrooms: z.number().int().min(0).max(20).optional(),
});
export type Preferences = z.infer<typeof preferencesSchema>;

/**
 * What a content analyzer reads from a lead's messages. The Bedrock tool's input schema is
 * generated from this, so the model can only ever answer in this shape.
 */
export const contentFindingsSchema = z.strictObject({
  urgency: unit.meta({ description: '0 = no hurry or just browsing, 1 = needs it now.' }),
  timeframe: timeframeSchema,
  intents: z.array(contentIntentSchema).max(contentIntents.length),
  budget: statedBudgetSchema.optional(),
  financing: financingSchema,
  seriousness: unit.meta({ description: '0 = idle curiosity, 1 = ready to transact.' }),
  authority: unit.meta({ description: '0 = asking for someone else, 1 = the decision maker(s) writing.' }),
  preferences: preferencesSchema.optional(),
  language: z
    .string()
    .regex(/^([a-z]{2,3}|und)$/)
    .meta({ description: 'ISO 639-1 code of the main language, or "und".' }),
});
export type ContentFindings = z.infer<typeof contentFindingsSchema>;

export const contentAnalysisSchema = contentFindingsSchema
  .extend({
    provider: analysisProviderSchema,
    fallbackReason: fallbackReasonSchema
      .optional()
      .meta({ description: 'Set when the AI provider failed and the built-in rules answered instead.' }),
    confidence: unit,
  })
  .meta({ id: 'ContentAnalysis' });
export type ContentAnalysis = z.infer<typeof contentAnalysisSchema>;

// ---------------------------------------------------------------------------------------------
// Score

export const recommendedActionKinds = [
  'reply_now',
  'call_now',
  'schedule_viewing',
  'send_price_details',
  'confirm_availability',
  'share_financing_options',
  'send_similar_listings',
  'ask_budget',
  'ask_timeline',
  'follow_up',
  'start_nurture_sequence',
] as const;
export const recommendedActionKindSchema = z.enum(recommendedActionKinds);
export type RecommendedActionKind = z.infer<typeof recommendedActionKindSchema>;

export const recommendedActionSchema = z
  .object({
    action: recommendedActionKindSchema,
    channel: z.enum(['call', 'whatsapp', 'email', 'any']),
    title: z.string().max(120),
    why: z.string().max(200),
  })
  .meta({ id: 'RecommendedAction' });
export type RecommendedAction = z.infer<typeof recommendedActionSchema>;

export const factorScoreSchema = z
  .object({
    name: scoringFactorSchema,
    value: unit,
    weight: unit.meta({ description: 'The prior weight of this factor.' }),
    contribution: z
      .number()
      .meta({ description: 'Points this factor adds to the score (negative lowers it).' }),
    reason: z.string().max(200),
  })
  .meta({ id: 'FactorScore' });
export type FactorScore = z.infer<typeof factorScoreSchema>;

export const leadScoreSchema = z
  .object({
    score: z.number().int().min(1).max(100),
    conversionProbability: unit.meta({
      description: 'Estimated chance the lead converts; calibrated once the model has learned from outcomes.',
    }),
    confidence: unit,
    temperature: temperatureSchema,
    baseline: z.number().meta({ description: 'Points before any factor; baseline + contributions ≈ score.' }),
    factors: z.array(factorScoreSchema),
    provider: analysisProviderSchema.meta({ description: 'Who analysed the message content.' }),
    fallbackReason: fallbackReasonSchema.optional(),
    notice: z.string().max(200).optional().meta({ description: 'Why confidence is lower, in plain words.' }),
    modelOutcomes: z
      .number()
      .int()
      .min(0)
      .meta({ description: 'Conversions and losses the learned model had seen; 0 = prior weights only.' }),
    recommendedActions: z.array(recommendedActionSchema).max(5),
    signals: z.array(z.string().max(40)).max(80).optional().meta({
      description:
        'The signals this score read (e.g. "source.referral"): what learning records when the lead closes.',
    }),
    scoredAt: isoDateTime,
  })
  .meta({ id: 'LeadScore' });
export type LeadScore = z.infer<typeof leadScoreSchema>;

// ---------------------------------------------------------------------------------------------
// Learning

export const scoringOutcomes = ['converted', 'lost'] as const;
export const scoringOutcomeSchema = z.enum(scoringOutcomes);
export type ScoringOutcome = z.infer<typeof scoringOutcomeSchema>;

export const recordOutcomeBody = z
  .strictObject({
    outcome: scoringOutcomeSchema,
    reason: z.string().trim().max(500).optional(),
  })
  .meta({ id: 'RecordOutcome' });
export type RecordOutcomeBody = z.infer<typeof recordOutcomeBody>;

/** A learned weight: a Gaussian belief (mean, precision) plus the plain tallies reasons cite. */
export const learnedWeightSchema = z.strictObject({
  mean: z.number().meta({ description: 'Learned log-odds (a factor scale: multiplier of its prior term).' }),
  precision: z.number().min(0).meta({ description: 'How sure: the prior plus the evidence seen, decayed.' }),
  converted: z.number().min(0).meta({ description: 'Converted leads that showed it.' }),
  lost: z.number().min(0),
});
export type LearnedWeight = z.infer<typeof learnedWeightSchema>;

/**
 * What a brokerage (or an agent) has learned from outcomes: a Bayesian logistic regression over
 * the five prior factor terms and every lead signal, centred on the prior. Fixed size whatever the
 * volume (one entry per known signal). `schemaVersion` is the layout of this document, not an
 * optimistic-locking version; a document of another layout is read as the prior.
 */
export const scoringModelSchema = z
  .strictObject({
    schemaVersion: z.literal(2),
    outcomes: z.number().int().min(0).meta({ description: 'Outcomes recorded and not voided.' }),
    evidence: z
      .number()
      .min(0)
      .meta({ description: 'Their total weight (an agent beyond their share counts less).' }),
    converted: z.number().int().min(0),
    bias: learnedWeightSchema,
    factors: z.strictObject({
      content: learnedWeightSchema,
      engagement: learnedWeightSchema,
      timing: learnedWeightSchema,
      source: learnedWeightSchema,
      profile: learnedWeightSchema,
    }),
    signals: z.record(z.string(), learnedWeightSchema),
    agents: z
      .record(z.string(), z.number().min(0))
      .meta({ description: "Each agent's weight of evidence in this model, to bound one agent's share." }),
    trial: z
      .strictObject({
        advantage: z.number().meta({
          description:
            "Σ over outcomes (decayed like the evidence) of the prior's log-loss minus the learned model's, each read before learning it.",
        }),
        squares: z.number().min(0).meta({ description: 'Σ of the same differences squared: their spread.' }),
      })
      .optional()
      .meta({
        description:
          'How clearly the learned model out-predicts the prior here; scores follow what was learned only as it does. Absent in documents written before it was kept: no record yet.',
      }),
  })
  .meta({ id: 'ScoringModel' });
export type ScoringModel = z.infer<typeof scoringModelSchema>;

// ---------------------------------------------------------------------------------------------
// Insights

export const touchpointChannels = ['facebook', 'whatsapp', 'phone', 'email', 'in_person'] as const;

const touchpointSchema = z
  .object({
    at: isoDateTime,
    type: z.string(),
    direction: z.enum(['inbound', 'outbound', 'internal']),
    excerpt: z.string().max(140).optional(),
  })
  .meta({ id: 'Touchpoint' });
export type Touchpoint = z.infer<typeof touchpointSchema>;

export const insightsSchema = z
  .object({
    leadId: idSchema,
    score: z.number().int().min(1).max(100),
    temperature: temperatureSchema,
    budget: z.object({
      min: amount.optional(),
      max: amount.optional(),
      currency: z.string().optional(),
      source: z.enum(['profile', 'messages', 'unknown']),
      fitsProperty: z
        .enum(['within', 'above_budget', 'below_budget', 'unknown'])
        .meta({ description: "Where the property's price sits against the budget." }),
    }),
    urgency: z.object({
      level: z.enum(['high', 'medium', 'low']),
      timeframe: timeframeSchema,
      value: unit,
    }),
    financing: financingSchema,
    intents: z.array(contentIntentSchema),
    preferences: preferencesSchema,
    touchpoints: z.object({
      total: z.number().int().min(0),
      inbound: z.number().int().min(0),
      outbound: z.number().int().min(0),
      byType: z.record(z.string(), z.number().int().min(0)),
      byChannel: z.record(z.enum(touchpointChannels), z.number().int().min(0)),
      firstReplyMinutes: z
        .number()
        .min(0)
        .optional()
        .meta({ description: 'Minutes from your first message to their first reply.' }),
      lastInbound: touchpointSchema.optional(),
      lastOutbound: touchpointSchema.optional(),
      recent: z.array(touchpointSchema).max(5),
    }),
    nextBestAction: recommendedActionSchema.nullable(),
    recommendedActions: z.array(recommendedActionSchema).max(5),
    provider: analysisProviderSchema,
    generatedAt: isoDateTime,
  })
  .meta({ id: 'Insights' });
export type Insights = z.infer<typeof insightsSchema>;
