import * as z from 'zod';

/** An unset or empty variable means "not configured". */
const optional = z
  .string()
  .optional()
  .transform((value) => (value ? value : undefined));

const envSchema = z.object({
  AWS_REGION: z.string().default('us-east-1'),
  /** Set by the function construct when the table is bound; functions that use it call `tableName()`. */
  TABLE_NAME: z.string().min(1).optional(),
  /** DynamoDB Local's address; unset in the cloud. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  BROKERAGE_ID: z.string().min(1).default('default'),
  DEFAULT_TIMEZONE: z.string().default('UTC'),
  DEFAULT_COUNTRY: z.string().length(2).default('US'),
  /** Set by the stack's Bedrock binding; unset means the built-in rules read messages. */
  BEDROCK_MODEL_ID: z.string().min(1).optional(),
  /** What buyers in the brokerage's market typically spend, when a lead states no budget. */
  TYPICAL_LOCAL_BUDGET: z.coerce.number().positive().optional(),
  /** Set by the stack: WhatsApp credentials come from this Secrets Manager secret. Unset: from the variables below. */
  WHATSAPP_SECRET_ARN: optional,
  WHATSAPP_APP_SECRET: z.string().default(''),
  WHATSAPP_VERIFY_TOKEN: z.string().default(''),
  /** Unset: outbound messages go to the sandbox outbox and lead forms are read from the sandbox. */
  WHATSAPP_ACCESS_TOKEN: optional,
  WHATSAPP_PHONE_NUMBER_ID: optional,
  /** The brokerage's Facebook Page; unset refuses Page webhooks (503) until it is set. */
  FACEBOOK_PAGE_ID: optional,
  /** The Page's access token for Lead Ads (the secret's pageAccessToken); unset: lead forms come from the sandbox. */
  FACEBOOK_PAGE_ACCESS_TOKEN: optional,
  WHATSAPP_SECRET_MAX_AGE_SECONDS: z.coerce.number().int().positive().default(300),
  GRAPH_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v25.0')
    .default('v25.0'),
  /** Where sandbox adapters keep the outbox (whatsapp-outbox.jsonl) and, under leadgen/, lead forms. */
  SANDBOX_DIR: z.string().min(1).default('.local/sandbox'),
  SANDBOX_LEADGEN_DIR: optional,
  /** Set by the follow-up workflow's wake binding: the schedule group, the role Scheduler assumes, its DLQ. */
  SCHEDULE_GROUP_NAME: optional,
  SCHEDULER_ROLE_ARN: optional,
  WAKE_DEAD_LETTER_QUEUE_ARN: optional,
  /** The local stand-ins' address for EventBridge Scheduler and Step Functions; unset in the cloud. */
  SCHEDULER_ENDPOINT: z.url().optional(),
  /** Set by the follow-up executions binding: the state machine enrolments start executions of. */
  FOLLOW_UP_STATE_MACHINE_ARN: optional,
  SFN_ENDPOINT: z.url().optional(),
  /** Set by the email binding: the From header (`"Name" <address>`), the receiving address, the configuration set. */
  EMAIL_FROM: optional,
  EMAIL_REPLY_TO: optional,
  /** Set in the cloud only: with it emails go through SES; without it (a laptop) they land in the sandbox outbox. */
  EMAIL_CONFIGURATION_SET_NAME: optional,
  /** The public API's base URL: unsubscribe links point at its `/unsubscribe/{token}`. */
  API_BASE_URL: z.url().optional(),
  /** Set by the inbound email binding: where SES receiving stores raw replies. */
  INBOUND_EMAIL_BUCKET: optional,
  /**
   * The local runtime's follow-up speed-up: its scheduler shortens every wait by this factor, so a
   * wake arrives before its step's time in real terms. Unset in the cloud: waits are real.
   */
  FOLLOW_UP_CLOCK_SPEED: z.coerce.number().min(1).optional(),
  /** Set by the push binding when the brokerage configured SNS platform applications; unset: push lands in the outbox. */
  PUSH_IOS_APPLICATION_ARN: optional,
  PUSH_ANDROID_APPLICATION_ARN: optional,
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

/** The function's configuration, parsed once; a bad value fails the cold start, not a request. */
export const env = (): Env => {
  cached ??= envSchema.parse(process.env);
  return cached;
};

/** A variable a binding sets; missing means the function was deployed without that binding. */
export const required = (name: keyof Env): string => {
  const value = env()[name];
  if (typeof value !== 'string' || value === '')
    throw new Error(`${name} is not set: bind it to this function`);
  return value;
};

export const tableName = (): string => {
  const name = env().TABLE_NAME;
  if (!name) throw new Error('TABLE_NAME is not set: bind the table to this function');
  return name;
};
