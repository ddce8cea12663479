import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { BrokerageConfigError, loadBrokerageConfig } from '../config';
import { demoBrokerageId } from '../local/demo-users';
import { defaultDevKeyDir } from '../local/dev-auth';
import { type AgentsTargetOptions, UsageError } from './agents-command';

interface TargetBase {
  /** The brokerage every account is created with and every token must carry. */
  brokerageId: string;
  tableName: string;
  profileDefaults: { timezone: string; defaultCountry: string };
}

export interface CloudTarget extends TargetBase {
  kind: 'cloud';
  region: string;
  userPoolId: string;
}

export interface LocalTarget extends TargetBase {
  kind: 'local';
  /** `.local/`: the dev signing key and agents.json. */
  keyDir: string;
  dynamoDbEndpoint: string;
}

export type AgentsTarget = CloudTarget | LocalTarget;

const stackOutputsSchema = z.record(
  z.string(),
  z.looseObject({
    BrokerageId: z.string().optional(),
    UserPoolId: z.string().optional(),
    TableName: z.string().optional(),
  }),
);

/** A brokerage's settings from lib/config.ts, a bad id told as a usage error. */
export const brokerageConfigFor = (brokerage: string): ReturnType<typeof loadBrokerageConfig> => {
  try {
    return loadBrokerageConfig(brokerage);
  } catch (error) {
    if (error instanceof BrokerageConfigError) throw new UsageError(error.message);
    throw error;
  }
};

/**
 * The outputs `cdk deploy --outputs-file` wrote for the stack whose BrokerageId output is this brokerage,
 * with the outputs the caller needs.
 */
export const deployedStackOutputs = (
  outputsFile: string,
  brokerageId: string,
  readFile: (path: string) => string,
  needs: readonly ('TableName' | 'UserPoolId')[] = ['TableName'],
) => {
  const outputs = stackOutputsSchema.safeParse(JSON.parse(readFile(outputsFile)));
  if (!outputs.success) throw new UsageError(`${outputsFile} is not a cdk deploy --outputs-file file`);
  const stack = Object.values(outputs.data).find((entry) => entry.BrokerageId === brokerageId);
  if (!stack || needs.some((output) => !stack[output]))
    throw new UsageError(
      `${outputsFile} has no stack with BrokerageId "${brokerageId}": npx cdk deploy -c brokerage=${brokerageId} --outputs-file ${outputsFile}`,
    );
  return stack;
};

/**
 * The deployed stack of a brokerage: its id, region and profile defaults from lib/config.ts (what the
 * stack was deployed with), its pool and table from the outputs `cdk deploy --outputs-file` wrote (the
 * stack whose BrokerageId output is this brokerage) or from --user-pool-id and --table.
 */
export const cloudTarget = (
  options: Extract<AgentsTargetOptions, { kind: 'cloud' }>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): CloudTarget => {
  const config = brokerageConfigFor(options.brokerage);
  let { userPoolId, table: tableName } = options;
  if (options.outputsFile !== undefined) {
    ({ UserPoolId: userPoolId, TableName: tableName } = deployedStackOutputs(
      options.outputsFile,
      config.id,
      readFile,
      ['TableName', 'UserPoolId'],
    ));
  }
  if (!userPoolId || !tableName) throw new UsageError('--user-pool-id and --table go together');
  // A pool id starts with its region: a pool of another deployment is caught before any call.
  if (!userPoolId.startsWith(`${config.region}_`))
    throw new UsageError(
      `User pool ${userPoolId} is not in ${config.region}, the region of brokerage "${config.id}"`,
    );
  return {
    kind: 'cloud',
    brokerageId: config.id,
    region: config.region,
    userPoolId,
    tableName,
    profileDefaults: { timezone: config.defaultTimezone, defaultCountry: config.defaultPhoneCountry },
  };
};

/** What `npm start` runs on, with the same defaults bin/local.ts gives it. */
export const localTarget = (
  options: Extract<AgentsTargetOptions, { kind: 'local' }>,
  environment: NodeJS.ProcessEnv = process.env,
): LocalTarget => ({
  kind: 'local',
  brokerageId: demoBrokerageId,
  keyDir: options.keyDir ?? defaultDevKeyDir,
  dynamoDbEndpoint:
    environment.DYNAMODB_ENDPOINT ?? `http://127.0.0.1:${environment.DYNAMODB_LOCAL_PORT ?? 8765}`,
  tableName: environment.TABLE_NAME ?? 'lead-crm-local',
  profileDefaults: {
    timezone: environment.DEFAULT_TIMEZONE ?? 'America/New_York',
    defaultCountry: environment.DEFAULT_COUNTRY ?? 'US',
  },
});

export const resolveAgentsTarget = (options: AgentsTargetOptions): AgentsTarget =>
  options.kind === 'cloud' ? cloudTarget(options) : localTarget(options);
