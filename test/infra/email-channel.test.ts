import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { BrokerageConfigError, loadBrokerageConfig } from '../../lib/config';
import type { AppFunction } from '../../lib/constructs/app-function';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { buildBrokerageStack } from './brokerage-app';
import { actionsOf, resourcesOfType, statementsOfRole } from './template-json';

const senderEntry = 'lambdas/handlers/api/get-lead.ts';

const acmeEmail = {
  sender: 'homes@acme-homes.example.com',
  replyTo: 'replies@acme-homes.example.com',
  receiptRuleSetName: 'acme-inbound',
  identity: 'domain' as 'domain' | 'address',
  identityExists: false,
};

const build = (brokerage: string, email?: Partial<typeof acmeEmail>) => {
  const base = loadBrokerageConfig(brokerage);
  const { stack } = buildBrokerageStack({
    brokerage,
    config: email ? { email: { ...acmeEmail, ...email } } : { email: base.email },
  });
  const sender = stack.addFunction('EmailSender', { entry: senderEntry, access: { sendsEmail: true } });
  return { stack, sender, template: Template.fromStack(stack) };
};

const envOf = (stack: BrokerageStack, template: Template, fn: AppFunction) => {
  const logicalId = stack.getLogicalId(fn.lambda.node.defaultChild as CfnElement);
  const json = resourcesOfType(template, 'AWS::Lambda::Function')[logicalId];
  if (!json) throw new Error('no Lambda resource for the function');
  return (json.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
};
const roleId = (stack: BrokerageStack, fn: AppFunction) =>
  stack.getLogicalId(fn.role.node.defaultChild as CfnElement);

describe('EmailChannel (acme: domain identity, replies through its active rule set)', () => {
  let stack: BrokerageStack;
  let sender: AppFunction;
  let template: Template;

  beforeAll(() => {
    ({ stack, sender, template } = build('acme'));
  });

  it('makes a configuration set with reputation metrics, suppression of bounces and complaints, and sending metrics', () => {
    template.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
      SendingOptions: { SendingEnabled: true },
      SuppressionOptions: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['send', 'delivery', 'bounce', 'complaint', 'reject']),
        CloudWatchDestination: Match.anyValue(),
      }),
    });
  });

  it("verifies the sender's domain, sending through the configuration set", () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'acme-homes.example.com',
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
  });

  it('lets a function that declares sendsEmail send only as the identity, through the configuration set, and tells it where and how', () => {
    const env = envOf(stack, template, sender);
    expect(env.EMAIL_FROM).toBe('"Acme Homes" <homes@acme-homes.example.com>');
    expect(env.EMAIL_REPLY_TO).toBe('replies@acme-homes.example.com');
    expect(env.EMAIL_CONFIGURATION_SET_NAME).toEqual({ Ref: expect.any(String) });
    expect(JSON.stringify(env.API_BASE_URL)).toContain('execute-api');

    const statements = statementsOfRole(template, roleId(stack, sender)).filter((s) =>
      actionsOf([s]).some((action) => action.startsWith('ses:')),
    );
    expect(statements).toHaveLength(1);
    expect(actionsOf(statements)).toEqual(['ses:SendEmail']);
    const resources = JSON.stringify(statements[0]?.Resource);
    expect(resources).toContain(':identity/');
    expect(resources).toContain(':configuration-set/');
    expect(resources).not.toContain('*');
  });

  it('adds one rule for the receiving address to the named active rule set (creating no rule set): store, then invoke', () => {
    expect(Object.keys(resourcesOfType(template, 'AWS::SES::ReceiptRuleSet'))).toEqual([]);
    const replyFn = stack.email?.replyFunction;
    if (!replyFn) throw new Error('no reply function');
    template.hasResourceProperties('AWS::SES::ReceiptRule', {
      RuleSetName: 'acme-inbound',
      Rule: Match.objectLike({
        Enabled: true,
        Recipients: ['replies@acme-homes.example.com'],
        ScanEnabled: true,
        TlsPolicy: 'Require',
        Actions: [
          { S3Action: Match.objectLike({ ObjectKeyPrefix: 'inbound/' }) },
          {
            LambdaAction: {
              FunctionArn: {
                'Fn::GetAtt': [stack.getLogicalId(replyFn.lambda.node.defaultChild as CfnElement), 'Arn'],
              },
              InvocationType: 'Event',
            },
          },
        ],
      }),
    });
  });

  it('stores raw emails encrypted, private, SSL-only, for a day at most', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
      },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 1, Status: 'Enabled' })] },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'ses.amazonaws.com' },
            Action: 's3:PutObject',
          }),
        ]),
      },
    });
  });

  it('lets the reply function read and delete the stored emails, and nothing else in S3', () => {
    const replyFn = stack.email?.replyFunction;
    if (!replyFn) throw new Error('no reply function');
    const s3 = statementsOfRole(template, roleId(stack, replyFn)).filter((s) =>
      actionsOf([s]).some((action) => action.startsWith('s3:')),
    );
    expect(actionsOf(s3).sort()).toEqual(['s3:DeleteObject', 's3:GetObject']);
    expect(JSON.stringify(s3[0]?.Resource)).toContain('/inbound/*');
    expect(envOf(stack, template, replyFn).INBOUND_EMAIL_BUCKET).toEqual({ Ref: expect.any(String) });
  });
});

describe('EmailChannel variants', () => {
  it('references an identity that already exists instead of creating it', () => {
    const { stack, sender, template } = build('acme', { identityExists: true, identity: 'address' });
    expect(Object.keys(resourcesOfType(template, 'AWS::SES::EmailIdentity'))).toEqual([]);
    const ses = statementsOfRole(template, roleId(stack, sender)).find((s) =>
      actionsOf([s]).includes('ses:SendEmail'),
    );
    expect(JSON.stringify(ses?.Resource)).toContain(':identity/homes@acme-homes.example.com');
  });

  it('without a receipt rule set, sends but receives nothing (no rule, bucket or reply function)', () => {
    const { stack, template } = build('acme', { receiptRuleSetName: undefined });
    expect(Object.keys(resourcesOfType(template, 'AWS::SES::ReceiptRule'))).toEqual([]);
    expect(Object.keys(resourcesOfType(template, 'AWS::S3::Bucket'))).toEqual([]);
    expect(stack.email?.replyFunction).toBeUndefined();
  });

  it('gives a brokerage without email no SES resources, and its senders no email settings or grant', () => {
    const { stack, sender, template } = build('demo');
    expect(Object.keys(resourcesOfType(template, 'AWS::SES::ConfigurationSet'))).toEqual([]);
    expect(envOf(stack, template, sender).EMAIL_FROM).toBeUndefined();
    expect(
      actionsOf(statementsOfRole(template, roleId(stack, sender))).filter((a) => a.startsWith('ses:')),
    ).toEqual([]);
  });
});

describe('email settings in lib/config.ts', () => {
  it('defaults to verifying the domain the stack creates', () => {
    expect(loadBrokerageConfig('acme').email).toMatchObject({ identity: 'domain', identityExists: false });
  });

  it.each([
    [{ sender: 'not-an-address' }, /must be an email address.*\n.*at email\.sender/],
    [{ replyTo: 'replies' }, /must be an email address.*\n.*at email\.replyTo/],
    [
      { receiptRuleSetName: 'has spaces' },
      /must be a receipt rule set name.*\n.*at email\.receiptRuleSetName/,
    ],
    [{ replyTo: acmeEmail.sender }, /must differ from sender.*\n.*at email\.replyTo/],
  ])('refuses %o with a line naming the field', async (email, message) => {
    const { brokerages } = await import('../../lib/config');
    const acme = brokerages.acme as unknown as { email: Record<string, unknown> };
    const saved = acme.email;
    acme.email = { ...saved, ...email };
    try {
      expect(() => loadBrokerageConfig('acme')).toThrow(BrokerageConfigError);
      expect(() => loadBrokerageConfig('acme')).toThrow(message);
    } finally {
      acme.email = saved;
    }
  });
});
