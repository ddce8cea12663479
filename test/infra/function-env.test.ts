import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionEnvNames, localFunctionEnv } from '../../lib/function-env';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { routes } from '../../schemas/routes';
import { buildBrokerageStack } from './brokerage-app';
import { resourcesOfType } from './template-json';

/** Set only when the brokerage's config has a typical budget. */
/** Set only when the brokerage configures them (a typical budget; push through its own SNS platform applications). */
const optionalNames = new Set([
  'TYPICAL_LOCAL_BUDGET',
  'PUSH_IOS_APPLICATION_ARN',
  'PUSH_ANDROID_APPLICATION_ARN',
]);

describe("one mapping from a route's access to its environment, for the stack and the local runtime", () => {
  let stack: BrokerageStack;
  let template: Template;

  beforeAll(() => {
    ({ stack } = buildBrokerageStack({ brokerage: 'acme' }));
    template = Template.fromStack(stack);
  });

  const environmentNamesOf = (routeId: string): string[] => {
    const fn = stack.api.functions.get(routeId);
    if (!fn) throw new Error(`no function for route ${routeId}`);
    const logicalId = stack.getLogicalId(fn.lambda.node.defaultChild as CfnElement);
    const json = resourcesOfType(template, 'AWS::Lambda::Function')[logicalId];
    if (!json) throw new Error(`no Lambda resource for route ${routeId}`);
    return Object.keys((json.Properties.Environment as { Variables: Record<string, unknown> }).Variables);
  };

  it.each(routes)('gives $id in the cloud exactly the variables its access maps to', (route) => {
    const expected = functionEnvNames(route.access, 'cloud');

    const actual = environmentNamesOf(route.id);

    expect(actual.filter((name) => !expected.includes(name))).toEqual([]);
    expect(expected.filter((name) => !actual.includes(name) && !optionalNames.has(name))).toEqual([]);
  });

  it("gives a function run locally its access's variables and their stand-ins, and nothing else of the developer's", () => {
    const developer = {
      TABLE_NAME: 'lead-crm-local',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8765',
      WHATSAPP_APP_SECRET: 'local-dev-app-secret',
      BROKERAGE_ID: 'demo-brokerage',
      POWERTOOLS_LOG_LEVEL: 'WARN',
      GITHUB_TOKEN: 'not-for-functions',
      BEDROCK_MODEL_ID: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      AWS_PROFILE: 'realty-dev',
    };

    expect(localFunctionEnv({ table: 'read' }, developer)).toEqual({
      TABLE_NAME: 'lead-crm-local',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:8765',
      BROKERAGE_ID: 'demo-brokerage',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    });
    expect(localFunctionEnv({ whatsappSecrets: true }, developer)).toEqual({
      WHATSAPP_APP_SECRET: 'local-dev-app-secret',
      BROKERAGE_ID: 'demo-brokerage',
      POWERTOOLS_LOG_LEVEL: 'WARN',
    });
  });

  it("gives the model id and the developer's AWS profile locally only to a function whose access declares bedrock", () => {
    const developer = {
      TABLE_NAME: 'lead-crm-local',
      BEDROCK_MODEL_ID: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      AWS_PROFILE: 'realty-dev',
    };
    const createLead = routes.find((route) => route.id === 'createLead');
    const listLeads = routes.find((route) => route.id === 'listLeads');

    expect(localFunctionEnv(createLead?.access ?? {}, developer)).toEqual(developer);
    expect(localFunctionEnv(listLeads?.access ?? {}, developer)).toEqual({ TABLE_NAME: 'lead-crm-local' });
  });
});
