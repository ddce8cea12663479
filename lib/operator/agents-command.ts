import { parseArgs } from 'node:util';
import * as z from 'zod';
import { agentRoleSchema } from '../../schemas/api/agents';

export const agentsUsage = `Usage:
  npm run agents -- add --email <email> --name "<full name>" [--role agent|admin]
  npm run agents -- list
  npm run agents -- disable <email>
  npm run agents -- enable <email>
  npm run agents -- set-role <email> <agent|admin>
Against a deployed stack, add:
  --brokerage <id> --outputs-file <file written by cdk deploy --outputs-file>
  (or --brokerage <id> --user-pool-id <UserPoolId output> --table <TableName output>)
Without --brokerage: the local runtime's agents (.local/agents.json) and DynamoDB Local (npm start).`;

/** A usage mistake: printed with the usage, exit code 2, nothing changed. */
export class UsageError extends Error {}

const email = z.email({ error: 'must be an email address such as priya.shah@example.com' });

export type AgentsAction =
  | { kind: 'add'; email: string; name: string; role: z.infer<typeof agentRoleSchema> }
  | { kind: 'list' }
  | { kind: 'disable'; email: string }
  | { kind: 'enable'; email: string }
  | { kind: 'set-role'; email: string; role: z.infer<typeof agentRoleSchema> };

/** Where the command acts: the stack of a brokerage, or the local runtime. */
export type AgentsTargetOptions =
  | { kind: 'local'; keyDir?: string }
  | { kind: 'cloud'; brokerage: string; outputsFile?: string; userPoolId?: string; table?: string };

export interface AgentsCommand {
  action: AgentsAction;
  target: AgentsTargetOptions;
}

const checked = <T>(schema: z.ZodType<T>, value: unknown, flag: string): T => {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new UsageError(`${flag} ${value === undefined ? 'is required' : result.error.issues[0]?.message}`);
};

const role = (value: unknown, flag: string) =>
  checked(agentRoleSchema, value, flag) as z.infer<typeof agentRoleSchema>;

/** Reads `npm run agents -- …` arguments; a mistake names the flag that is wrong. */
export const parseAgentsCommand = (args: string[]): AgentsCommand => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  const [verb, first, second] = positionals;
  const emailArg = () => checked(email, values.email ?? first, 'the email');

  let action: AgentsAction;
  switch (verb) {
    case 'add':
      action = {
        kind: 'add',
        email: checked(email, values.email, '--email'),
        name: checked(z.string().trim().min(1, 'must not be empty').max(120), values.name, '--name'),
        role: role(values.role ?? 'agent', '--role'),
      };
      break;
    case 'list':
      action = { kind: 'list' };
      break;
    case 'disable':
    case 'enable':
      action = { kind: verb, email: emailArg() };
      break;
    case 'set-role':
      action = { kind: 'set-role', email: emailArg(), role: role(values.role ?? second, 'the role') };
      break;
    default:
      throw new UsageError(verb === undefined ? 'No command given' : `Unknown command "${verb}"`);
  }

  const cloudOnly = [values['outputs-file'], values['user-pool-id'], values.table].some(
    (v) => v !== undefined,
  );
  if (values.brokerage === undefined) {
    if (cloudOnly)
      throw new UsageError('--brokerage is required with --outputs-file, --user-pool-id or --table');
    return {
      action,
      target: { kind: 'local', ...(values['key-dir'] !== undefined && { keyDir: values['key-dir'] }) },
    };
  }
  const byFlags = values['user-pool-id'] !== undefined || values.table !== undefined;
  if (values['outputs-file'] === undefined && !(values['user-pool-id'] && values.table))
    throw new UsageError(
      byFlags
        ? '--user-pool-id and --table go together'
        : '--outputs-file (or --user-pool-id and --table) names the deployed stack',
    );
  return {
    action,
    target: {
      kind: 'cloud',
      brokerage: values.brokerage,
      ...(values['outputs-file'] !== undefined && { outputsFile: values['outputs-file'] }),
      ...(values['user-pool-id'] !== undefined && { userPoolId: values['user-pool-id'] }),
      ...(values.table !== undefined && { table: values.table }),
    },
  };
};

const parse = (args: string[]) =>
  parseArgs({
    args,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      brokerage: { type: 'string' },
      'outputs-file': { type: 'string' },
      'user-pool-id': { type: 'string' },
      table: { type: 'string' },
      'key-dir': { type: 'string' },
    },
  });
