import type { RouteAccess } from '../schemas/routes';

/** The variables a binding sets; `AppFunction`'s bind methods write exactly these names. */
export const bindingEnv = {
  tableName: 'TABLE_NAME',
  bedrockModelId: 'BEDROCK_MODEL_ID',
  whatsAppSecretArn: 'WHATSAPP_SECRET_ARN',
  graphApiVersion: 'GRAPH_API_VERSION',
  followUpStateMachineArn: 'FOLLOW_UP_STATE_MACHINE_ARN',
  emailFrom: 'EMAIL_FROM',
  emailReplyTo: 'EMAIL_REPLY_TO',
  emailConfigurationSet: 'EMAIL_CONFIGURATION_SET_NAME',
  apiBaseUrl: 'API_BASE_URL',
  inboundEmailBucket: 'INBOUND_EMAIL_BUCKET',
  pushIosApplicationArn: 'PUSH_IOS_APPLICATION_ARN',
  pushAndroidApplicationArn: 'PUSH_ANDROID_APPLICATION_ARN',
} as const;

/**
 * Per access flag: the variables its binding sets in the cloud, and the ones of the local stand-in
 * that replaces the resource on a laptop (DynamoDB Local's address, WhatsApp settings instead of
 * the secret, the sandbox). A function run locally sees only the variables of the access it declares.
 */
export const accessEnv: Record<keyof RouteAccess, { cloud: readonly string[]; local: readonly string[] }> = {
  table: { cloud: [bindingEnv.tableName], local: ['DYNAMODB_ENDPOINT'] },
  // Locally the model is called with the developer's own AWS profile (the other functions keep the dummy keys).
  bedrock: {
    cloud: [bindingEnv.bedrockModelId],
    local: ['AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE'],
  },
  whatsappSecrets: {
    cloud: [bindingEnv.whatsAppSecretArn, bindingEnv.graphApiVersion],
    local: [
      'WHATSAPP_APP_SECRET',
      'WHATSAPP_VERIFY_TOKEN',
      'WHATSAPP_ACCESS_TOKEN',
      'WHATSAPP_PHONE_NUMBER_ID',
      'FACEBOOK_PAGE_ID',
      'FACEBOOK_PAGE_ACCESS_TOKEN',
      'WHATSAPP_SECRET_MAX_AGE_SECONDS',
      'SANDBOX_DIR',
      'SANDBOX_LEADGEN_DIR',
    ],
  },
  followUpExecutions: { cloud: [bindingEnv.followUpStateMachineArn], local: ['SFN_ENDPOINT'] },
  followUpWakes: {
    cloud: ['SCHEDULE_GROUP_NAME', 'SCHEDULER_ROLE_ARN', 'WAKE_DEAD_LETTER_QUEUE_ARN'],
    local: ['SCHEDULER_ENDPOINT', 'SFN_ENDPOINT'],
  },
  // Locally no configuration set is bound: emails land in the sandbox outbox.
  sendsEmail: {
    cloud: [
      bindingEnv.emailFrom,
      bindingEnv.emailReplyTo,
      bindingEnv.emailConfigurationSet,
      bindingEnv.apiBaseUrl,
    ],
    local: ['SANDBOX_DIR'],
  },
  inboundEmail: { cloud: [bindingEnv.inboundEmailBucket], local: [] },
  // Locally no platform application is bound: notifications land in the sandbox outbox.
  push: {
    cloud: [bindingEnv.pushIosApplicationArn, bindingEnv.pushAndroidApplicationArn],
    local: ['SANDBOX_DIR'],
  },
};

/** What `AppFunction` gives every function, whatever it is bound to (the brokerage's settings, logging). */
export const commonFunctionEnv = [
  'POWERTOOLS_SERVICE_NAME',
  'POWERTOOLS_METRICS_NAMESPACE',
  'LOG_LEVEL',
  'BROKERAGE_ID',
  'DEFAULT_COUNTRY',
  'DEFAULT_TIMEZONE',
  'TYPICAL_LOCAL_BUDGET',
  'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED',
] as const;

/** The local runtime's follow-up speed-up (FOLLOW_UP_CLOCK_SPEED: waits are shorter); never set in the cloud. */
const localClockEnv = ['FOLLOW_UP_CLOCK_SPEED'];

/** What the Lambda runtime itself provides: region, credentials, time zone, a PATH and a temp directory. */
const runtimeEnv = [
  'AWS_REGION',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'TZ',
  'PATH',
  'HOME',
  'TMPDIR',
  'LANG',
];

const declared = (access: RouteAccess) =>
  (Object.keys(accessEnv) as Array<keyof RouteAccess>).filter((flag) => Boolean(access[flag]));

/** The names a function with this access gets: in its CloudFormation definition, or run locally. */
export const functionEnvNames = (access: RouteAccess, where: 'cloud' | 'local'): string[] => [
  ...commonFunctionEnv,
  ...(where === 'local' ? [...runtimeEnv, ...localClockEnv] : []),
  ...declared(access).flatMap((flag) => [
    ...accessEnv[flag].cloud,
    ...(where === 'local' ? accessEnv[flag].local : []),
  ]),
];

/**
 * A locally run function's environment: from `source` (the developer's, with the local runtime's
 * settings), only what its access declares, plus Powertools' own switches (log level, event logging).
 */
export const localFunctionEnv = (access: RouteAccess, source: NodeJS.ProcessEnv): Record<string, string> => {
  const names = new Set(functionEnvNames(access, 'local'));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (value !== undefined && (names.has(name) || name.startsWith('POWERTOOLS_'))) env[name] = value;
  }
  return env;
};
