import * as z from 'zod';
import {
  bedrockModelIdPattern,
  bedrockModelTarget,
  defaultModelIdFor,
  geographyForRegion,
} from './bedrock-model';

/** A current Graph API version (introduced February 2026, supported until July 2028 by Meta's changelog). */
export const defaultGraphApiVersion = 'v25.0';

/** Retention periods CloudWatch Logs accepts (days). */
const logRetentionDays = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** True for an IANA time zone the runtime knows, such as America/New_York or UTC. */
const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const domainName = z
  .string()
  .regex(
    /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'must be a lower-case domain name',
  );

const platformApplicationArn = z
  .string()
  .regex(
    /^arn:aws[\w-]*:sns:[a-z0-9-]+:\d{12}:app\/(APNS|APNS_SANDBOX|GCM)\/[\w.-]+$/,
    'must be an SNS platform application ARN',
  );

/** SNS platform applications agents' phones are reached through: APNs (iOS) and FCM (Android). */
const pushSettingsSchema = z.strictObject({
  iosPlatformApplicationArn: platformApplicationArn.optional(),
  androidPlatformApplicationArn: platformApplicationArn.optional(),
});
export type PushSettings = z.output<typeof pushSettingsSchema>;

/**
 * Email to leads over SES v2. Sending needs a verified identity: the `sender` address itself or its
 * whole domain. Replies come back through SES receiving when `receiptRuleSetName` names the account's
 * active receipt rule set (an account has one; the stack adds a rule to it, never creates or activates one).
 */
const emailSettingsSchema = z
  .object({
    /** The address emails come from, e.g. `homes@acme-homes.example.com`. */
    sender: z.email({ error: 'must be an email address such as homes@acme-homes.example.com' }),
    /** The name mail clients show beside the address; the brokerage's display name unless set. */
    senderName: z.string().min(1).max(80).optional(),
    /** `domain` verifies the sender's whole domain (DKIM records to add); `address` only the sender address. */
    identity: z.enum(['domain', 'address']).default('domain'),
    /** True when the identity is already verified in the account: the stack references it instead of creating it. */
    identityExists: z.boolean().default(false),
    /** The brokerage's receiving address: emails' Reply-To, and the recipient of the receipt rule. */
    replyTo: z.email({ error: 'must be an email address such as replies@acme-homes.example.com' }),
    /** The account's active receipt rule set; unset: no inbound replies (no rule, no bucket, no function). */
    receiptRuleSetName: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, 'must be a receipt rule set name (letters, digits, _ . -, at most 64)')
      .optional(),
  })
  .superRefine((email, ctx) => {
    const domainOf = (address: string) => address.split('@')[1] ?? '';
    if (email.sender.includes('@') && !domainName.safeParse(domainOf(email.sender)).success) {
      ctx.addIssue({
        code: 'custom',
        path: ['sender'],
        message: "must have a lower-case domain name after '@'",
      });
    }
    if (email.receiptRuleSetName && email.replyTo === email.sender) {
      ctx.addIssue({
        code: 'custom',
        path: ['replyTo'],
        message:
          'must differ from sender: replies are received there, and the sender is not a mailbox we read',
      });
    }
  });

export type EmailSettings = z.output<typeof emailSettingsSchema>;

/** One brokerage's settings; every `.default()` here is what a brokerage gets unless its entry says otherwise. */
const brokerageSettingsSchema = z
  .object({
    /** Shown in invitation emails and the stack description. */
    displayName: z.string().min(1),
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-1')
      .default('us-east-1'),
    /** Pins the stack to one account; omit to deploy to whatever account the CLI credentials belong to. */
    account: z
      .string()
      .regex(/^\d{12}$/, 'must be a 12-digit AWS account id')
      .optional(),
    /** ISO 3166-1 alpha-2 country used to read phone numbers typed without a country code. */
    defaultPhoneCountry: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as US'),
    /** Time zone a new agent's quiet and working hours start in until they set their own. */
    defaultTimezone: z
      .string()
      .refine(isTimeZone, 'must be an IANA time zone such as America/New_York')
      .default('UTC'),
    /** What buyers in the brokerage's market typically spend; scoring compares a listing's price with it. */
    typicalLocalBudget: z.number().positive().optional(),
    /**
     * The model that reads leads' words and drafts follow-ups: a foundation model id, or a cross-Region
     * inference profile id (`us.`, `eu.`, `apac.` or `global.` before it). Unset: Claude Haiku 4.5 through
     * the profile of the stack's geography (`global.` where the Region has none).
     */
    bedrockModelId: z
      .string()
      .regex(
        bedrockModelIdPattern,
        'must be a Bedrock model id such as anthropic.claude-haiku-4-5-20251001-v1:0, or an inference profile id: us., eu., apac. or global. before it',
      )
      .optional(),
    /**
     * The Regions a geographic profile routes to, when they differ from those of Claude Haiku 4.5's
     * (`aws bedrock get-inference-profile` lists a profile's); each gets `bedrock:InvokeModel` on the model.
     */
    bedrockModelRegions: z
      .array(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as us-east-2'))
      .min(1)
      .optional(),
    /** Meta's Graph API version for WhatsApp sends and Lead Ads reads; `-c graphApiVersion=v26.0` overrides it per deploy. */
    whatsAppGraphApiVersion: z
      .string()
      .regex(/^v\d+\.\d+$/, 'must look like v25.0')
      .default(defaultGraphApiVersion),
    apiThrottle: z
      .object({
        /** Steady-state requests per second across the stage. */
        rateLimit: z.number().int().positive().default(50),
        burstLimit: z.number().int().positive().default(100),
        /**
         * Each route callable without a token (webhooks, unsubscribe) on its own: a flood there cannot take
         * the agents' share of the stage. Meta retries a 429'd delivery, so nothing is lost.
         */
        publicRoute: z
          .object({
            rateLimit: z.number().int().positive().default(25),
            burstLimit: z.number().int().positive().default(50),
          })
          .prefault({}),
      })
      .prefault({}),
    logRetentionDays: z.literal(logRetentionDays).default(30),
    logLevel: z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR']).default('INFO'),
    /** Receives the stack's alarms (API 5xx and later the follow-up dead-letter queue). */
    alarmEmail: z.email().optional(),
    /** Browser origins allowed to call the API; the mobile app itself needs none. */
    corsOrigins: z
      .array(
        z
          .url({ protocol: /^https?$/ })
          .refine((url) => new URL(url).origin === url, 'must be an origin: scheme, host and port, no path'),
      )
      .default([]),
    /** `required` makes every agent enrol a TOTP authenticator at first sign-in. */
    mfa: z.enum(['required', 'optional']).default('required'),
    /** Email to leads (follow-up steps) and their replies; unset: the stack sends no email. */
    email: emailSettingsSchema.optional(),
    /** Mobile push to agents' phones through SNS platform applications; unset: no push resources. */
    push: pushSettingsSchema.optional(),
  })
  .superRefine((settings, ctx) => {
    // A malformed id already has its issue; there is nothing more to say about it.
    if (!settings.bedrockModelId || !bedrockModelIdPattern.test(settings.bedrockModelId)) return;
    const target = bedrockModelTarget(settings.bedrockModelId);
    const home = geographyForRegion(settings.region);
    if (target.kind === 'profile' && target.geography !== 'global' && target.geography !== home) {
      ctx.addIssue({
        code: 'custom',
        path: ['bedrockModelId'],
        message: `must be a ${home}. or global. profile: a ${target.geography}. profile cannot be invoked from ${settings.region}`,
      });
    }
    if (settings.bedrockModelRegions && !(target.kind === 'profile' && target.geography !== 'global')) {
      ctx.addIssue({
        code: 'custom',
        path: ['bedrockModelRegions'],
        message:
          'applies to a us., eu. or apac. profile only: a global. profile routes to any commercial Region',
      });
    }
  })
  .transform((settings) => ({
    ...settings,
    bedrockModelId: settings.bedrockModelId ?? defaultModelIdFor(settings.region),
  }));

/** Reads the push applications from cdk context (`-c pushIosPlatformApplicationArn=…`), over the config's. */
export const withPushFromContext = (
  config: BrokerageConfig,
  context: { ios?: unknown; android?: unknown },
): BrokerageConfig => {
  const given = {
    ...config.push,
    ...(typeof context.ios === 'string' && context.ios && { iosPlatformApplicationArn: context.ios }),
    ...(typeof context.android === 'string' &&
      context.android && { androidPlatformApplicationArn: context.android }),
  };
  if (Object.keys(given).length === 0) return config;
  const parsed = pushSettingsSchema.safeParse(given);
  if (!parsed.success) {
    throw new BrokerageConfigError(
      `Push settings of ${config.id}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`,
    );
  }
  return { ...config, push: parsed.data };
};

type BrokerageSettingsInput = z.input<typeof brokerageSettingsSchema>;

/** The brokerages a platform engineer can deploy, by the id passed as `-c brokerage=<id>`. */
export const brokerages = {
  demo: {
    displayName: 'Demo Realty',
    defaultPhoneCountry: 'US',
    defaultTimezone: 'America/New_York',
    typicalLocalBudget: 400_000,
    apiThrottle: { rateLimit: 20, burstLimit: 40 },
    logRetentionDays: 7,
    logLevel: 'DEBUG',
    corsOrigins: ['http://localhost:8081'],
    mfa: 'optional',
  },
  acme: {
    displayName: 'Acme Homes',
    defaultPhoneCountry: 'US',
    defaultTimezone: 'America/Chicago',
    typicalLocalBudget: 525_000,
    apiThrottle: { rateLimit: 100, burstLimit: 200 },
    logRetentionDays: 90,
    alarmEmail: 'platform@acme-homes.example.com',
    email: {
      sender: 'homes@acme-homes.example.com',
      replyTo: 'replies@acme-homes.example.com',
      receiptRuleSetName: 'acme-inbound',
    },
  },
} satisfies Record<string, BrokerageSettingsInput>;

export type BrokerageId = keyof typeof brokerages;

/** A brokerage's validated settings, defaults applied. */
export type BrokerageConfig = z.output<typeof brokerageSettingsSchema> & { id: string };

/** A brokerage id is missing, unknown or its settings are invalid; the message is the one line to print. */
export class BrokerageConfigError extends Error {
  override readonly name = 'BrokerageConfigError';
}

const knownIds = (): string => Object.keys(brokerages).sort().join(', ');

const isKnownBrokerage = (id: string): id is BrokerageId => Object.hasOwn(brokerages, id);

/**
 * Returns the validated settings of one brokerage, its entry merged over the defaults.
 * `overrides` (from `cdk -c`) replace the entry's values and are validated the same way.
 * Throws {@link BrokerageConfigError} when the id is missing or unknown or the entry is invalid.
 */
export const loadBrokerageConfig = (
  id: string | undefined,
  overrides: Partial<BrokerageSettingsInput> = {},
): BrokerageConfig => {
  if (id === undefined || id.trim() === '') {
    throw new BrokerageConfigError(
      `Usage: npx cdk synth -c brokerage=<id>   (known brokerages: ${knownIds()})`,
    );
  }
  if (!isKnownBrokerage(id)) {
    throw new BrokerageConfigError(`Unknown brokerage "${id}". Known brokerages: ${knownIds()}.`);
  }
  const parsed = brokerageSettingsSchema.safeParse({ ...brokerages[id], ...overrides });
  if (!parsed.success) {
    throw new BrokerageConfigError(
      `Invalid settings for brokerage "${id}" in lib/config.ts:\n${z.prettifyError(parsed.error)}`,
    );
  }
  return { ...parsed.data, id };
};
