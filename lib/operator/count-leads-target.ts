import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as z from 'zod';
import { BrokerageConfigError, loadBrokerageConfig } from '../config';
import { UsageError } from './agents-command';
import { localTarget } from './agents-target';

export const countLeadsUsage = `Counts a brokerage's existing leads into the dashboard's open-lead counts, once after
deploying (running it again counts nothing twice):
  npm run count-leads -- --brokerage <id> --outputs-file cdk-outputs.json   (or --table <name>)
  npm run count-leads                                                        (the local runtime)`;

export interface CountLeadsTarget {
  kind: 'local' | 'cloud';
  brokerageId: string;
  tableName: string;
  region: string;
  /** DynamoDB Local's address, for the local runtime. */
  endpoint?: string;
}

const outputsSchema = z.record(
  z.string(),
  z.looseObject({ BrokerageId: z.string().optional(), TableName: z.string().optional() }),
);

/** Reads `npm run count-leads -- …`: the local runtime, or a brokerage's deployed table. */
export const resolveCountLeadsTarget = (
  args: string[],
  environment: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): CountLeadsTarget => {
  let values: { brokerage?: string; 'outputs-file'?: string; table?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        brokerage: { type: 'string' },
        'outputs-file': { type: 'string' },
        table: { type: 'string' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.brokerage === undefined) {
    if (values['outputs-file'] !== undefined || values.table !== undefined)
      throw new UsageError('--brokerage is required with --outputs-file or --table');
    const local = localTarget({ kind: 'local' }, environment);
    return {
      kind: 'local',
      brokerageId: local.brokerageId,
      tableName: local.tableName,
      region: 'us-east-1',
      endpoint: local.dynamoDbEndpoint,
    };
  }
  let config: ReturnType<typeof loadBrokerageConfig>;
  try {
    config = loadBrokerageConfig(values.brokerage);
  } catch (error) {
    if (error instanceof BrokerageConfigError) throw new UsageError(error.message);
    throw error;
  }
  let tableName = values.table;
  if (values['outputs-file'] !== undefined) {
    const outputs = outputsSchema.safeParse(JSON.parse(readFile(values['outputs-file'])));
    if (!outputs.success)
      throw new UsageError(`${values['outputs-file']} is not a cdk deploy --outputs-file file`);
    tableName = Object.values(outputs.data).find((stack) => stack.BrokerageId === config.id)?.TableName;
    if (!tableName)
      throw new UsageError(`${values['outputs-file']} has no stack with BrokerageId "${config.id}"`);
  }
  if (!tableName) throw new UsageError('--outputs-file (or --table) names the deployed stack');
  return { kind: 'cloud', brokerageId: config.id, tableName, region: config.region };
};
