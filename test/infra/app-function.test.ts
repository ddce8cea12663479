import { type CfnElement, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IConstruct } from 'constructs';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadBrokerageConfig } from '../../lib/config';
import { AppFunction } from '../../lib/constructs/app-function';
import { DataTable } from '../../lib/constructs/data-table';
import { buildBrokerageStack, createTestApp, handlerFixtureRoot } from './brokerage-app';
import { actionsOf, statementsOfRole } from './template-json';

const entry = 'lambdas/handlers/workflow/send-step.ts';
const config = loadBrokerageConfig('demo');

const logicalIdOf = (construct: IConstruct): string =>
  Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

describe('AppFunction', () => {
  let stack: Stack;
  let fn: AppFunction;
  const template = () => Template.fromStack(stack);
  const roleStatements = () => statementsOfRole(template(), logicalIdOf(fn.role));

  beforeEach(() => {
    stack = new Stack(createTestApp(), 'FunctionTest', { env: { region: 'eu-west-1' } });
    fn = new AppFunction(stack, 'SendStep', { config, entry, projectRoot: handlerFixtureRoot([entry]) });
  });

  it('writes only to its own log group, kept for the configured days', () => {
    template().hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: config.logRetentionDays });
    const logStatements = roleStatements().filter((statement) =>
      actionsOf([statement]).some((a) => a.startsWith('logs:')),
    );
    expect(logStatements).toEqual([
      expect.objectContaining({
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: { 'Fn::GetAtt': [logicalIdOf(fn.logGroup), 'Arn'] },
      }),
    ]);
  });

  it('binds a table: TABLE_NAME and read-write data access', () => {
    const table = new DataTable(stack, 'Table');
    fn.bindTable(table, 'readWrite');
    template().hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ TABLE_NAME: { Ref: logicalIdOf(table) } }) },
    });
    expect(actionsOf(roleStatements())).toEqual(
      expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:Query']),
    );
  });

  it('binds the WhatsApp secret: its ARN, the Graph API version and read access to it alone', () => {
    const secret = new Secret(stack, 'WhatsApp');
    fn.bindWhatsAppSecrets(secret);
    const secretRef = { Ref: logicalIdOf(secret) };
    template().hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          WHATSAPP_SECRET_ARN: secretRef,
          GRAPH_API_VERSION: config.whatsAppGraphApiVersion,
        }),
      },
    });
    const secretStatements = roleStatements().filter((statement) =>
      actionsOf([statement]).some((a) => a.startsWith('secretsmanager:')),
    );
    expect(secretStatements).toEqual([
      expect.objectContaining({
        Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
        Resource: secretRef,
      }),
    ]);
  });

  it('applies a declared access as the matching bindings and nothing more', () => {
    const table = TableV2.fromTableName(stack, 'Imported', 'leads');
    const whatsAppSecret = new Secret(stack, 'WhatsApp');
    fn.bindAccess(
      { table: 'read', bedrock: true },
      { table, bedrockModelId: 'amazon.nova-micro-v1:0', whatsAppSecret },
    );
    const variables = Object.keys(
      (
        Object.values(template().findResources('AWS::Lambda::Function'))[0] as {
          Properties: { Environment: { Variables: Record<string, unknown> } };
        }
      ).Properties.Environment.Variables,
    );
    expect(variables).toEqual(expect.arrayContaining(['TABLE_NAME', 'BEDROCK_MODEL_ID']));
    expect(variables).not.toContain('WHATSAPP_SECRET_ARN');
    expect(actionsOf(roleStatements()).filter((a) => a.startsWith('secretsmanager:'))).toEqual([]);
  });
});

describe('AppFunction.bindBedrockModel', () => {
  const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0';

  /** The Bedrock statements of a function bound to `modelId` in a stack of account 123456789012 in `region`. */
  const bedrockGrants = (modelId: string, region: string, bedrockModelRegions?: string[]) => {
    const stack = new Stack(createTestApp(), 'BedrockTest', { env: { account: '123456789012', region } });
    const fn = new AppFunction(stack, 'CreateLead', {
      config: { ...config, region, ...(bedrockModelRegions && { bedrockModelRegions }) },
      entry,
      projectRoot: handlerFixtureRoot([entry]),
    }).bindBedrockModel(modelId);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ BEDROCK_MODEL_ID: modelId }) },
    });
    return statementsOfRole(template, logicalIdOf(fn.role)).filter((statement) =>
      actionsOf([statement]).some((action) => action.startsWith('bedrock:')),
    );
  };

  it("grants a us. profile in the stack's Region and the model in each US Region the profile routes to", () => {
    expect(bedrockGrants(`us.${haiku}`, 'us-east-1')).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: [
          `arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.${haiku}`,
          `arn:aws:bedrock:us-east-1::foundation-model/${haiku}`,
          `arn:aws:bedrock:us-east-2::foundation-model/${haiku}`,
          `arn:aws:bedrock:us-west-1::foundation-model/${haiku}`,
          `arn:aws:bedrock:us-west-2::foundation-model/${haiku}`,
        ],
      },
    ]);
  });

  it("grants a profile's model in the Regions the config names when its profile routes elsewhere", () => {
    const statements = bedrockGrants(`eu.${haiku}`, 'eu-west-1', ['eu-central-1', 'eu-west-3']);

    expect(statements).toEqual([
      expect.objectContaining({
        Resource: [
          `arn:aws:bedrock:eu-central-1::foundation-model/${haiku}`,
          `arn:aws:bedrock:eu-west-1:123456789012:inference-profile/eu.${haiku}`,
          `arn:aws:bedrock:eu-west-1::foundation-model/${haiku}`,
          `arn:aws:bedrock:eu-west-3::foundation-model/${haiku}`,
        ],
      }),
    ]);
  });

  it('grants a global. profile, the model in its Region, and the model with no Region only for routed requests', () => {
    expect(bedrockGrants(`global.${haiku}`, 'ca-central-1')).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: [
          `arn:aws:bedrock:ca-central-1:123456789012:inference-profile/global.${haiku}`,
          `arn:aws:bedrock:ca-central-1::foundation-model/${haiku}`,
        ],
      },
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: `arn:aws:bedrock:::foundation-model/${haiku}`,
        Condition: { StringEquals: { 'aws:RequestedRegion': 'unspecified' } },
      },
    ]);
  });

  it("grants a plain model id on that foundation model in the stack's Region only", () => {
    expect(bedrockGrants('amazon.nova-micro-v1:0', 'eu-west-1')).toEqual([
      {
        Effect: 'Allow',
        Action: 'bedrock:InvokeModel',
        Resource: 'arn:aws:bedrock:eu-west-1::foundation-model/amazon.nova-micro-v1:0',
      },
    ]);
  });
});

describe('BrokerageStack.addFunction', () => {
  it('adds a non-route function with the same runtime, timeout of its own and the declared bindings', () => {
    const { stack } = buildBrokerageStack({ extraEntries: [entry] });
    const task = stack.addFunction('SendStepTask', {
      entry,
      access: { table: 'readWrite', bedrock: true },
      timeout: Duration.seconds(30),
    });
    const json = Template.fromStack(stack).findResources('AWS::Lambda::Function')[logicalIdOf(task.lambda)] as
      | { Properties: Record<string, unknown> }
      | undefined;
    expect(json?.Properties).toMatchObject({
      Runtime: 'nodejs22.x',
      Architectures: ['arm64'],
      Timeout: 30,
      Environment: { Variables: expect.objectContaining({ BEDROCK_MODEL_ID: stack.config.bedrockModelId }) },
    });
  });
});
