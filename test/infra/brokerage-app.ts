import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { type BrokerageConfig, loadBrokerageConfig } from '../../lib/config';
import { repositoryRoot } from '../../lib/constructs/app-function';
import { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { activityConsumer } from '../../schemas/activity';
import { inboundEmailFunction } from '../../schemas/email';
import { followUpReactions } from '../../schemas/follow-up-reactions';
import { type RouteDefinition, routes } from '../../schemas/routes';
import { scheduledJobs } from '../../schemas/scheduled-jobs';
import { followUpTaskList } from '../../schemas/workflow';

/** The feature flags and context the CLI passes from cdk.json, so tests build what `cdk synth` builds. */
const cdkJsonContext = (): Record<string, unknown> => {
  const cdkJson: { context?: Record<string, unknown> } = JSON.parse(
    readFileSync(path.join(repositoryRoot, 'cdk.json'), 'utf8'),
  );
  return cdkJson.context ?? {};
};

/**
 * A project tree holding a lock file and a stub for every handler entry. The template does not
 * depend on handler code, so the infra tests do not wait for handlers to be written; `cdk synth`
 * is what fails on a route whose handler file is missing. One fixed directory, rewritten with
 * identical stubs, so runs do not pile up temporary trees.
 */
export const handlerFixtureRoot = (entries: readonly string[]): string => {
  const root = path.join(tmpdir(), 'lead-crm-infra-handlers');
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package-lock.json'), '{}\n');
  for (const entry of entries) {
    const file = path.join(root, entry);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'export const handler = async () => ({ statusCode: 204 });\n');
  }
  return root;
};

/**
 * An App configured like the CLI's, minus the slow parts that do not change the template: asset
 * bundling, and CDK's built-in CloudFormation schema check (it still runs on every `cdk synth`).
 */
export const createTestApp = (): App =>
  new App({
    context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] },
    builtinCloudFormationValidation: false,
  });

export interface BrokerageStackOptions {
  brokerage?: string;
  /** Replaces fields of the loaded brokerage config. */
  config?: Partial<BrokerageConfig>;
  routes?: readonly RouteDefinition[];
  /** Handler entries besides the routes' that the fixture tree must hold. */
  extraEntries?: readonly string[];
  app?: App;
}

/** Builds a brokerage stack the way bin/app.ts does (without the nag plugin). */
export const buildBrokerageStack = (options: BrokerageStackOptions = {}) => {
  const routeTable = options.routes ?? routes;
  const app = options.app ?? createTestApp();
  const config = { ...loadBrokerageConfig(options.brokerage ?? 'acme'), ...options.config };
  const stack = new BrokerageStack(app, BrokerageStack.stackNameFor(config.id), {
    config,
    routes: routeTable,
    projectRoot: handlerFixtureRoot([
      ...routeTable.map((route) => route.handler),
      ...scheduledJobs.map((job) => job.handler),
      ...followUpTaskList.map((task) => task.handler),
      inboundEmailFunction.handler,
      followUpReactions.handler,
      activityConsumer.handler,
      ...(options.extraEntries ?? []),
    ]),
  });
  return { app, stack };
};
