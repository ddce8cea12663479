/**
 * Administers the brokerage's agents: their sign-in accounts (custom:brokerageId, custom:role and a
 * verified email set here, never typed into the console) and their profiles, which lead routing reads.
 *   npm run agents -- add --email priya.shah@example.com --name "Priya Shah" --role agent --brokerage acme --outputs-file cdk-outputs.json
 *   npm run agents -- list | disable <email> | enable <email> | set-role <email> <agent|admin>   (same target flags)
 * Without --brokerage it acts on the local runtime (`npm start`'s DynamoDB Local and .local/agents.json),
 * after which `npm run token -- <email>` signs that agent's dev token.
 */
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { createCognitoAgentDirectory } from '../lambdas/adapters/cognito/cognito-agent-directory';
import { createAgentRepository } from '../lambdas/adapters/dynamodb/agent-repository';
import { createDocumentClient } from '../lambdas/adapters/dynamodb/document-client';
import { createCrmService } from '../lambdas/adapters/dynamodb/service';
import type { AgentAdminDeps } from '../lambdas/domain/agents/deps';
import { DomainError } from '../lambdas/domain/errors';
import { systemClock } from '../lambdas/ports/clock';
import { createLocalAgentDirectory } from '../lib/local/local-agent-directory';
import { agentsUsage, parseAgentsCommand, UsageError } from '../lib/operator/agents-command';
import { type AgentsTarget, resolveAgentsTarget } from '../lib/operator/agents-target';
import { runAgentsCommand } from '../lib/operator/run-agents-command';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const depsFor = (target: AgentsTarget): AgentAdminDeps => {
  // DynamoDB Local takes any credentials, as `npm start` gives its functions.
  if (target.kind === 'local')
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' });
  const documents =
    target.kind === 'cloud'
      ? createDocumentClient({ region: target.region })
      : createDocumentClient({ endpoint: target.dynamoDbEndpoint, region: 'us-east-1' });
  const directory =
    target.kind === 'cloud'
      ? createCognitoAgentDirectory(
          new CognitoIdentityProviderClient({ region: target.region, maxAttempts: 3 }),
          target.userPoolId,
        )
      : createLocalAgentDirectory({ dir: target.keyDir });
  return {
    directory,
    agents: createAgentRepository(createCrmService(documents, target.tableName)),
    clock: systemClock,
    profileDefaults: target.profileDefaults,
    brokerageId: target.brokerageId,
  };
};

const where = (target: AgentsTarget) =>
  target.kind === 'cloud'
    ? `brokerage "${target.brokerageId}" (pool ${target.userPoolId}, table ${target.tableName})`
    : `the local runtime (brokerage "${target.brokerageId}", DynamoDB Local at ${target.dynamoDbEndpoint}, table ${target.tableName})`;

/** The error and what it wraps (ElectroDB wraps the SDK's), outermost first. */
const causes = (error: unknown): Array<Error & { code?: string }> =>
  error instanceof Error ? [error, ...causes(error.cause)] : [];

/** A failure the operator can act on, in one line; anything else keeps its stack trace. */
const explain = (error: unknown, target: AgentsTarget): string | undefined => {
  if (error instanceof DomainError) return error.message;
  const chain = causes(error);
  const code = chain.find((e) => typeof e.code === 'string')?.code;
  const name = chain.map((e) => e.name).find((n) => n !== 'Error' && n !== 'ElectroError');
  const message = chain.at(-1)?.message;
  if (target.kind === 'local' && (code === 'ECONNREFUSED' || name === 'TimeoutError'))
    return `DynamoDB Local is not answering at ${target.dynamoDbEndpoint}: start the local runtime with npm start first.`;
  if (name === 'ResourceNotFoundException')
    return `${message} (table ${target.tableName}): is ${target.kind === 'local' ? 'npm start' : 'the stack'} running on this table?`;
  return undefined;
};

let target: AgentsTarget | undefined;
try {
  const command = parseAgentsCommand(process.argv.slice(2));
  target = resolveAgentsTarget(command.target);
  process.stderr.write(`Agents of ${where(target)}\n`);
  const lines = await runAgentsCommand(command.action, depsFor(target));
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (error instanceof UsageError) {
    process.stderr.write(`${error.message}\n\n${agentsUsage}\n`);
    process.exit(2);
  }
  const explained = target && explain(error, target);
  if (!explained) throw error;
  process.stderr.write(`${explained}\n`);
  process.exit(1);
}
