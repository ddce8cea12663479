import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { UsageError } from './agents-command';
import { brokerageConfigFor, deployedStackOutputs, localTarget } from './agents-target';

/** Where a command that only needs the table acts: `npm start`'s DynamoDB Local, or a brokerage's table. */
export interface TableTarget {
  kind: 'local' | 'cloud';
  brokerageId: string;
  tableName: string;
  region: string;
  /** DynamoDB Local's address, for the local runtime. */
  endpoint?: string;
}

/**
 * Reads `--brokerage <id> --outputs-file cdk-outputs.json` (or `--table <name>`) for the deployed table,
 * nothing for the local runtime (count-leads, feed-listings).
 */
export const resolveTableTarget = (
  args: string[],
  environment: NodeJS.ProcessEnv = process.env,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): TableTarget => {
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
  const config = brokerageConfigFor(values.brokerage);
  const tableName =
    values['outputs-file'] !== undefined
      ? deployedStackOutputs(values['outputs-file'], config.id, readFile).TableName
      : values.table;
  if (!tableName) throw new UsageError('--outputs-file (or --table) names the deployed stack');
  return { kind: 'cloud', brokerageId: config.id, tableName, region: config.region };
};
