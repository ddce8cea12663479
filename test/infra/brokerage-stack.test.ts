import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BrokerageStack } from '../../lib/stacks/brokerage-stack';
import { metricsNamespace, metricsServiceName } from '../../schemas/metrics';
import { type RouteDefinition, routes, routeTable } from '../../schemas/routes';
import { scheduledJobs } from '../../schemas/scheduled-jobs';
import { tableLayout } from '../../schemas/table';
import { buildBrokerageStack, createTestApp } from './brokerage-app';
import { actionsOf, asArray, type CfnResourceJson, resourcesOfType, statementsOfRole } from './template-json';

const dynamoDbWriteActions = /^dynamodb:(PutItem|UpdateItem|DeleteItem|BatchWriteItem|\*)$/;

const logicalIdOf = (stack: BrokerageStack, construct: IConstruct): string =>
  stack.getLogicalId(construct.node.defaultChild as CfnElement);

describe('BrokerageStack', () => {
  let stack: BrokerageStack;
  let template: Template;

  const functionOf = (route: RouteDefinition) => {
    const fn = stack.api.functions.get(route.id);
    if (!fn) throw new Error(`no function for route ${route.id}`);
    return fn;
  };
  const lambdaJsonOf = (route: RouteDefinition): CfnResourceJson => {
    const json = resourcesOfType(template, 'AWS::Lambda::Function')[
      logicalIdOf(stack, functionOf(route).lambda)
    ];
    if (!json) throw new Error(`no Lambda resource for route ${route.id}`);
    return json;
  };
  const environmentOf = (route: RouteDefinition): Record<string, unknown> =>
    (lambdaJsonOf(route).Properties.Environment as { Variables: Record<string, unknown> }).Variables;
  const statementsOf = (route: RouteDefinition) =>
    statementsOfRole(template, logicalIdOf(stack, functionOf(route).role));

  beforeAll(() => {
    ({ stack } = buildBrokerageStack({ brokerage: 'acme' }));
    template = Template.fromStack(stack);
  });

  it('is named after the brokerage and deploys to its configured region', () => {
    expect(stack.stackName).toBe('LeadCrm-acme');
    expect(stack.region).toBe('us-east-1');
  });

  it('lets only enrolment and the lead intake that enrols new leads start follow-up executions, of the follow-up state machine alone', () => {
    const stateMachine = { Ref: logicalIdOf(stack, stack.followUps.stateMachine) };
    const starters = routes.filter((route) =>
      actionsOf(statementsOf(route)).includes('states:StartExecution'),
    );

    expect(starters.map((route) => route.id).sort()).toEqual(
      ['enrolLead', 'receiveFacebook', 'receiveWhatsApp', 'retryParkedLeads'].sort(),
    );
    for (const route of starters) {
      expect(environmentOf(route).FOLLOW_UP_STATE_MACHINE_ARN).toEqual(stateMachine);
      const start = statementsOf(route).filter((statement) =>
        asArray(statement.Action).includes('states:StartExecution'),
      );
      expect(start.map((statement) => statement.Resource)).toEqual([stateMachine]);
    }
  });

  it('lets the stop route delete wakes and wake executions of the follow-up state machine', () => {
    const stateMachine = { Ref: logicalIdOf(stack, stack.followUps.stateMachine) };
    const actions = actionsOf(statementsOf(routeTable.stopFollowUp));

    expect(actions).toEqual(expect.arrayContaining(['scheduler:DeleteSchedule', 'states:SendTaskSuccess']));
    expect(actions).not.toContain('states:StartExecution');
    expect(Object.keys(environmentOf(routeTable.stopFollowUp))).toEqual(
      expect.arrayContaining(['SCHEDULE_GROUP_NAME', 'SCHEDULER_ROLE_ARN', 'WAKE_DEAD_LETTER_QUEUE_ARN']),
    );
    const wake = statementsOf(routeTable.stopFollowUp).filter((statement) =>
      asArray(statement.Action).includes('states:SendTaskSuccess'),
    );
    expect(wake.map((statement) => statement.Resource)).toEqual([stateMachine]);
  });

  describe('HTTP API routes', () => {
    const apiRoutes = () => Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Route'));
    const routeJson = (route: RouteDefinition) =>
      apiRoutes().find((json) => json.Properties.RouteKey === `${route.method} ${route.path}`);

    it('has exactly the route keys of the route table', () => {
      const keys = apiRoutes().map((json) => json.Properties.RouteKey);
      expect(keys).toHaveLength(routes.length);
      expect(new Set(keys)).toEqual(new Set(routes.map((route) => `${route.method} ${route.path}`)));
    });

    it.each(routes.filter((route) => route.auth === 'jwt'))(
      'guards $method $path with the Cognito JWT authorizer',
      (route) => {
        const [jwtAuthorizerId] = Object.entries(resourcesOfType(template, 'AWS::ApiGatewayV2::Authorizer'))
          .filter(([, authorizer]) => authorizer.Properties.AuthorizerType === 'JWT')
          .map(([logicalId]) => logicalId);
        expect(jwtAuthorizerId).toBeDefined();
        expect(routeJson(route)?.Properties).toMatchObject({
          AuthorizationType: 'JWT',
          AuthorizerId: { Ref: jwtAuthorizerId },
        });
      },
    );

    it.each(routes.filter((route) => route.auth === 'public'))('leaves $method $path open', (route) => {
      const properties = routeJson(route)?.Properties;
      expect(properties?.AuthorizationType).toBe('NONE');
      expect(properties?.AuthorizerId).toBeUndefined();
    });

    it('trusts tokens issued by the user pool for the mobile app client only', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
        AuthorizerType: 'JWT',
        IdentitySource: ['$request.header.Authorization'],
        JwtConfiguration: {
          Audience: [{ Ref: logicalIdOf(stack, stack.agents.appClient) }],
          Issuer: Match.objectLike({
            'Fn::Join': ['', Match.arrayWith([{ Ref: logicalIdOf(stack, stack.agents.userPool) }])],
          }),
        },
      });
    });

    it('throttles the default stage at the configured rate and logs every request as JSON', () => {
      const [stage] = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Stage'));
      if (!stage) throw new Error('no stage');
      expect(stage.Properties).toMatchObject({
        StageName: '$default',
        AutoDeploy: true,
        DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
      });
      const { Format, DestinationArn } = stage.Properties.AccessLogSettings as {
        Format: string;
        DestinationArn: unknown;
      };
      expect(JSON.parse(Format)).toMatchObject({
        requestId: '$context.requestId',
        ip: '$context.identity.sourceIp',
        routeKey: '$context.routeKey',
        status: '$context.status',
        latency: '$context.responseLatency',
        integrationErrorMessage: '$context.integrationErrorMessage',
      });
      expect(DestinationArn).toEqual({ 'Fn::GetAtt': [logicalIdOf(stack, stack.api.accessLogs), 'Arn'] });
    });

    it('sends no CORS headers when the brokerage configures no browser origin', () => {
      const [api] = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Api'));
      expect(api?.Properties.CorsConfiguration).toBeUndefined();
    });

    it('allows the configured browser origins when there are some', () => {
      const { stack: demo } = buildBrokerageStack({ brokerage: 'demo' });
      Template.fromStack(demo).hasResourceProperties('AWS::ApiGatewayV2::Api', {
        CorsConfiguration: Match.objectLike({
          AllowOrigins: ['http://localhost:8081'],
          AllowHeaders: Match.arrayWith(['authorization', 'idempotency-key']),
        }),
      });
    });

    it('refuses a public route that has no stated reason to be public', () => {
      const healthRoute: RouteDefinition = {
        id: 'health',
        method: 'GET',
        path: '/health',
        auth: 'public',
        handler: 'lambdas/handlers/api/health.ts',
        summary: 'Health',
        tags: [],
        access: {},
        responses: { 200: null },
      };
      expect(() => buildBrokerageStack({ routes: [...routes, healthRoute] })).toThrow(
        /GET \/health is public but has no stated reason/,
      );
    });
  });

  describe('functions', () => {
    it('run every function on Node.js 22, arm64, with active X-Ray tracing and 512 MB', () => {
      const functions = Object.values(resourcesOfType(template, 'AWS::Lambda::Function'));
      expect(functions.length).toBeGreaterThanOrEqual(routes.length);
      for (const fn of functions) {
        expect(fn.Properties).toMatchObject({
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          TracingConfig: { Mode: 'Active' },
          MemorySize: 512,
        });
      }
    });

    it.each(routes)(
      'gives $method $path a 10 s timeout, its own log group and the common environment',
      (route) => {
        const fn = functionOf(route);
        expect(lambdaJsonOf(route).Properties).toMatchObject({
          Timeout: 10,
          LoggingConfig: { LogGroup: { Ref: logicalIdOf(stack, fn.logGroup) } },
        });
        expect(environmentOf(route)).toMatchObject({
          POWERTOOLS_SERVICE_NAME: 'lead-crm',
          LOG_LEVEL: 'INFO',
          BROKERAGE_ID: 'acme',
          DEFAULT_COUNTRY: 'US',
          DEFAULT_TIMEZONE: 'America/Chicago',
          TYPICAL_LOCAL_BUDGET: '525000',
          AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        });
        const logGroup = resourcesOfType(template, 'AWS::Logs::LogGroup')[logicalIdOf(stack, fn.logGroup)];
        expect(logGroup?.Properties.RetentionInDays).toBe(stack.config.logRetentionDays);
      },
    );

    it.each(routes)('binds $method $path to exactly the resources its access declares', (route) => {
      const environment = environmentOf(route);
      const tableRef = { Ref: logicalIdOf(stack, stack.table) };
      if (route.access.table) expect(environment.TABLE_NAME).toEqual(tableRef);
      else expect(environment).not.toHaveProperty('TABLE_NAME');
      expect('BEDROCK_MODEL_ID' in environment).toBe(route.access.bedrock === true);
      expect('WHATSAPP_SECRET_ARN' in environment).toBe(route.access.whatsappSecrets === true);
    });
  });

  describe('IAM', () => {
    it('grants DynamoDB actions only on the table and its indexes, and stream reads only on its stream', () => {
      const tableArn = stack.resolve(stack.table.tableArn);
      const allowed = [
        JSON.stringify(tableArn),
        JSON.stringify({ 'Fn::Join': ['', [tableArn, '/index/*']] }),
      ];
      const streamReads = [
        'dynamodb:DescribeStream',
        'dynamodb:GetRecords',
        'dynamodb:GetShardIterator',
        'dynamodb:ListStreams',
      ];
      const streamArn = JSON.stringify(stack.resolve(stack.table.tableStreamArn));
      const dynamoDbStatements = Object.values(resourcesOfType(template, 'AWS::IAM::Policy'))
        .flatMap(
          (policy) =>
            (policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] })
              .Statement,
        )
        .filter((statement) =>
          asArray(statement.Action).some((action) => String(action).startsWith('dynamodb:')),
        );

      expect(dynamoDbStatements.length).toBeGreaterThan(0);
      for (const statement of dynamoDbStatements) {
        const actions = asArray(statement.Action).map(String);
        // ListStreams names no resource; it lists stream ids and reads none.
        if (actions.every((action) => action === 'dynamodb:ListStreams')) continue;
        if (actions.every((action) => streamReads.includes(action))) {
          expect(asArray(statement.Resource).map((resource) => JSON.stringify(resource))).toEqual([
            streamArn,
          ]);
          continue;
        }
        for (const resource of asArray(statement.Resource)) {
          expect(resource).not.toBe('*');
          expect(allowed).toContain(JSON.stringify(resource));
        }
      }
    });

    it.each(routes.filter((route) => route.access.table === 'read'))(
      'lets read-only $method $path read but never write the table',
      (route) => {
        const actions = actionsOf(statementsOf(route));
        expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query']));
        expect(actions.filter((action) => dynamoDbWriteActions.test(action))).toEqual([]);
      },
    );

    it('keeps GET /leads/{leadId} from putting items', () => {
      const getLead = routes.find((route) => route.method === 'GET' && route.path === '/leads/{leadId}');
      expect(getLead).toBeDefined();
      expect(actionsOf(statementsOf(getLead as RouteDefinition))).not.toContain('dynamodb:PutItem');
    });

    it.each(routes.filter((route) => route.access.table === 'readWrite'))(
      'lets $method $path write the table',
      (route) => {
        expect(actionsOf(statementsOf(route))).toEqual(
          expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem']),
        );
      },
    );

    it.each(routes.filter((route) => !route.access.table))(
      'gives $method $path no DynamoDB access',
      (route) => {
        expect(actionsOf(statementsOf(route)).filter((action) => action.startsWith('dynamodb:'))).toEqual([]);
      },
    );

    it('attaches no AWS managed policy to any role', () => {
      for (const role of Object.values(resourcesOfType(template, 'AWS::IAM::Role'))) {
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });
  });

  describe('table', () => {
    it('is built from the shared key layout with every index projecting all attributes', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: tableLayout.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableLayout.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: tableLayout.globalIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      });
    });

    it('is on-demand, expires items by the TTL attribute and survives stack deletion', () => {
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          TimeToLiveSpecification: { AttributeName: tableLayout.timeToLiveAttribute, Enabled: true },
          Replicas: [
            Match.objectLike({
              Region: 'us-east-1',
              DeletionProtectionEnabled: true,
              PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            }),
          ],
        }),
      });
    });
  });

  describe('user pool', () => {
    it('signs agents in by email, admin-created only, with TOTP MFA required on the Plus plan', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UsernameAttributes: ['email'],
        AdminCreateUserConfig: Match.objectLike({ AllowAdminCreateUserOnly: true }),
        MfaConfiguration: 'ON',
        EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
        UserPoolTier: 'PLUS',
        Schema: Match.arrayWith([
          Match.objectLike({ Name: 'brokerageId', Mutable: false }),
          Match.objectLike({ Name: 'role', Mutable: true }),
        ]),
      });
    });

    it('makes MFA optional for a brokerage configured so', () => {
      const { stack: demo } = buildBrokerageStack({ brokerage: 'demo' });
      Template.fromStack(demo).hasResourceProperties('AWS::Cognito::UserPool', {
        MfaConfiguration: 'OPTIONAL',
      });
    });

    it('gives the mobile app a secretless SRP client that cannot write brokerageId or role', () => {
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        GenerateSecret: false,
        ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
        ReadAttributes: Match.arrayWith(['custom:brokerageId', 'custom:role']),
        WriteAttributes: ['name', 'phone_number'],
      });
    });
  });

  describe('alarms', () => {
    const alarmOn = (metricName: string) =>
      Object.values(resourcesOfType(template, 'AWS::CloudWatch::Alarm')).find(
        (alarm) => alarm.Properties.MetricName === metricName,
      );

    it('alarms the alarm topic when webhook intake is refused for want of a Page id or number id', () => {
      expect(alarmOn('WebhookIntakeRefused')?.Properties).toMatchObject({
        Namespace: metricsNamespace,
        Dimensions: [{ Name: 'service', Value: metricsServiceName }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: logicalIdOf(stack, stack.alarmTopic) }],
      });
    });

    it('alarms the alarm topic as soon as a Lead Ads form is parked', () => {
      expect(alarmOn('LeadgenParked')?.Properties).toMatchObject({
        Namespace: metricsNamespace,
        Dimensions: [{ Name: 'service', Value: metricsServiceName }],
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: logicalIdOf(stack, stack.alarmTopic) }],
      });
    });

    it('alarms the alarm topic as soon as a new lead could not be enrolled in its follow-up', () => {
      expect(alarmOn('FollowUpAutoEnrolFailed')?.Properties).toMatchObject({
        Namespace: metricsNamespace,
        Statistic: 'Sum',
        Threshold: 1,
        AlarmActions: [{ Ref: logicalIdOf(stack, stack.alarmTopic) }],
      });
    });

    it('publishes business metrics under the namespace and service the alarms watch', () => {
      for (const fn of Object.values(resourcesOfType(template, 'AWS::Lambda::Function'))) {
        expect((fn.Properties.Environment as { Variables: Record<string, unknown> }).Variables).toMatchObject(
          {
            POWERTOOLS_METRICS_NAMESPACE: metricsNamespace,
            POWERTOOLS_SERVICE_NAME: metricsServiceName,
          },
        );
      }
    });
  });

  describe('scheduled jobs', () => {
    it.each(scheduledJobs)('invokes the $id function every $everyMinutes minutes', (job) => {
      const fn = stack.jobFunctions.get(job.id);
      if (!fn) throw new Error(`no function for job ${job.id}`);
      const rules = Object.values(resourcesOfType(template, 'AWS::Events::Rule')).filter((rule) =>
        (rule.Properties.Targets as { Arn: unknown }[]).some(
          (target) =>
            JSON.stringify(target.Arn) ===
            JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(stack, fn.lambda), 'Arn'] }),
        ),
      );
      expect(rules.map((rule) => rule.Properties)).toEqual([
        expect.objectContaining({
          ScheduleExpression: `rate(${job.everyMinutes} minutes)`,
          State: 'ENABLED',
        }),
      ]);
      template.hasResourceProperties('AWS::Lambda::Permission', {
        Action: 'lambda:InvokeFunction',
        Principal: 'events.amazonaws.com',
        FunctionName: { 'Fn::GetAtt': [logicalIdOf(stack, fn.lambda), 'Arn'] },
      });
    });

    it('lets the parked lead-form retry read the Meta secret and write the table, as its access declares', () => {
      const fn = stack.jobFunctions.get('retryParkedLeadgens');
      if (!fn) throw new Error('no retry function');
      const json = resourcesOfType(template, 'AWS::Lambda::Function')[logicalIdOf(stack, fn.lambda)];
      if (!json) throw new Error('no Lambda resource for the retry job');
      const environment = (json.Properties.Environment as { Variables: Record<string, unknown> }).Variables;
      expect(environment).toHaveProperty('WHATSAPP_SECRET_ARN');
      expect(environment.TABLE_NAME).toEqual({ Ref: logicalIdOf(stack, stack.table) });
      expect(actionsOf(statementsOfRole(template, logicalIdOf(stack, fn.role)))).toEqual(
        expect.arrayContaining(['dynamodb:PutItem', 'dynamodb:DeleteItem', 'secretsmanager:GetSecretValue']),
      );
    });
  });

  it('stores the WhatsApp credentials as one generated JSON secret with no value in the template', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({
        GenerateStringKey: 'verifyToken',
        SecretStringTemplate: JSON.stringify({ appSecret: '', accessToken: '', phoneNumberId: '' }),
      }),
    });
  });

  it('writes stage access logs to a group under /aws/vendedlogs/ named after the stack', () => {
    const group = logicalIdOf(stack, stack.api.accessLogs);
    const [stage] = Object.values(resourcesOfType(template, 'AWS::ApiGatewayV2::Stage'));

    expect(JSON.stringify(stage?.Properties.AccessLogSettings)).toContain(group);
    expect(resourcesOfType(template, 'AWS::Logs::LogGroup')[group]?.Properties.LogGroupName).toBe(
      `/aws/vendedlogs/${stack.stackName}/http-api-access`,
    );
  });

  it('outputs what the app and the operator need', () => {
    for (const name of ['ApiUrl', 'UserPoolId', 'UserPoolClientId', 'TableName', 'WhatsAppSecretArn']) {
      template.hasOutput(name, {});
    }
    template.hasOutput('BrokerageId', { Value: stack.config.id });
  });

  it('declares no account-unique physical names but ones carrying the stack name, so two brokerages deploy side by side', () => {
    const uniqueNameKey: Record<string, string> = {
      'AWS::DynamoDB::GlobalTable': 'TableName',
      'AWS::Lambda::Function': 'FunctionName',
      'AWS::IAM::Role': 'RoleName',
      'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::SecretsManager::Secret': 'Name',
      'AWS::SNS::Topic': 'TopicName',
      'AWS::CloudWatch::Alarm': 'AlarmName',
    };
    const app = createTestApp();
    const stacks = [
      buildBrokerageStack({ app, brokerage: 'acme' }),
      buildBrokerageStack({ app, brokerage: 'demo' }),
    ];
    for (const { stack: brokerageStack } of stacks) {
      const resources = Template.fromStack(brokerageStack).toJSON().Resources as Record<
        string,
        CfnResourceJson
      >;
      const clashing = Object.entries(resources)
        .filter(([, resource]) => {
          const key = uniqueNameKey[resource.Type];
          const name = key === undefined ? undefined : resource.Properties?.[key];
          return name !== undefined && !(typeof name === 'string' && name.includes(brokerageStack.stackName));
        })
        .map(([logicalId]) => logicalId);
      expect(clashing).toEqual([]);
    }
  });
});
