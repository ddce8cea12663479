import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CfnResource, Duration, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IRole, Policy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import type { IScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { IStateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { inboundEmailPrefix } from '../../schemas/email';
import type { RouteAccess } from '../../schemas/routes';
import { bedrockModelTarget, profileDestinationRegions } from '../bedrock-model';
import type { BrokerageConfig, PushSettings } from '../config';
import { bindingEnv } from '../function-env';

/** The repository root: handler entries and the lock file are resolved from here, whatever the cwd. */
export const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Makes `require` exist inside the ESM bundle for CommonJS dependencies that call it. */
const requireShim =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

export type TableAccess = NonNullable<RouteAccess['table']>;

/** A resolved ARN the way cdk-nag prints it in a finding id: `{ Ref: X }` as `<X>`, `Fn::GetAtt` as `<X.Attr>`. */
const asNagResource = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.Ref === 'string') return `<${object.Ref}>`;
    const getAtt = object['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const join = object['Fn::Join'];
    if (Array.isArray(join)) {
      const [separator, parts] = join as [string, unknown[]];
      return parts.map(asNagResource).join(separator);
    }
  }
  throw new Error(`Cannot name ${JSON.stringify(value)} as cdk-nag does`);
};

/** The `bedrock:InvokeModel` statements a call to `modelId` from `stack`'s Region needs, and nothing more. */
export const bedrockInvokeStatements = (
  stack: Pick<Stack, 'partition' | 'region' | 'account'>,
  modelId: string,
  destinationRegions?: readonly string[],
): PolicyStatement[] => {
  const { partition, region, account } = stack;
  const target = bedrockModelTarget(modelId);
  const foundationModel = (inRegion: string) =>
    `arn:${partition}:bedrock:${inRegion}::foundation-model/${target.foundationModelId}`;
  const invoke = (resources: string[], conditions?: Record<string, unknown>) =>
    new PolicyStatement({ actions: ['bedrock:InvokeModel'], resources, ...(conditions && { conditions }) });

  if (target.kind === 'foundationModel') return [invoke([foundationModel(region)])];
  const profile = `arn:${partition}:bedrock:${region}:${account}:inference-profile/${target.profileId}`;
  if (target.geography === 'global') {
    return [
      invoke([profile, foundationModel(region)]),
      // AWS's documented form for a global profile's routed requests: the model with no Region in its ARN.
      invoke([foundationModel('')], { StringEquals: { 'aws:RequestedRegion': 'unspecified' } }),
    ];
  }
  const regions = new Set([region, ...(destinationRegions ?? profileDestinationRegions[target.geography])]);
  return [invoke([profile, ...[...regions].sort().map(foundationModel)])];
};

/** What a function may be bound to; `bindAccess` picks from these by a route's declared access. */
export interface AccessResources {
  readonly table: ITable;
  readonly bedrockModelId: string;
  readonly whatsAppSecret: ISecret;
  /** The follow-up workflow; absent until the stack has built it. */
  readonly followUpStateMachine?: IStateMachine;
  /** The follow-up workflow's wake resources; absent until the stack has built it. */
  readonly followUpWakes?: WakeSchedulingResources;
  /** The brokerage's email sending; absent when its config has no email. */
  readonly emailSending?: EmailSendingResources;
  /** Where SES receiving stores raw inbound emails; absent without a receipt rule set in the config. */
  readonly inboundEmailBucket?: IBucket;
  /** The brokerage's SNS platform applications for mobile push; absent when its config has none. */
  readonly push?: PushSettings;
}

/** What a function that sends email is bound to. */
export interface EmailSendingResources {
  /** `Name <address>` as the From header. */
  readonly from: string;
  readonly replyTo: string;
  /** ARN of the verified identity (the sender's domain or address). */
  readonly identityArn: string;
  readonly configurationSetName: string;
  readonly configurationSetArn: string;
  /** The HTTP API's base URL, for unsubscribe links (a token resolved once the API exists). */
  readonly apiBaseUrl: string;
}

/** What a function that schedules wakes is bound to. */
export interface WakeSchedulingResources {
  readonly scheduleGroup: IScheduleGroup;
  /** The role Scheduler assumes to deliver a wake; the function passes it to CreateSchedule. */
  readonly schedulerRole: IRole;
  readonly deadLetterQueue: IQueue;
}

/**
 * The stack's one log group for every function's logs (Lambda names each stream after its function, and every
 * log line carries `function_name`). One group instead of one a function keeps the stack far from
 * CloudFormation's 500 resources as routes grow, and one Logs Insights query reads the whole backend.
 */
const functionLogsOf = (scope: Construct, config: BrokerageConfig): LogGroup => {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild('FunctionLogs');
  return existing instanceof LogGroup
    ? existing
    : new LogGroup(stack, 'FunctionLogs', { retention: config.logRetentionDays });
};

export interface AppFunctionProps {
  readonly config: BrokerageConfig;
  /** Handler module relative to `projectRoot`; it exports `handler`. */
  readonly entry: string;
  /** Holds `entry` and package-lock.json; the repository root unless a test points it at a fixture tree. */
  readonly projectRoot?: string;
  readonly description?: string;
  /** @default 10 seconds, the budget of an API route */
  readonly timeout?: Duration;
  /** @default 512 MB */
  readonly memorySize?: number;
  /** Extra variables; bindings add their own. */
  readonly environment?: Record<string, string>;
}

/**
 * One Lambda function of the backend. It owns runtime, architecture, ESM bundling, tracing and
 * the shared log group it writes to, and its own role; callers only pass an entry and bind what it may touch. Every
 * `bind*` method sets the environment variable and the IAM grant together, so a function never
 * has one without the other.
 */
export class AppFunction extends Construct {
  readonly lambda: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  private readonly config: BrokerageConfig;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.config = props.config;
    const projectRoot = props.projectRoot ?? repositoryRoot;

    this.logGroup = functionLogsOf(this, props.config);
    // A role of its own instead of AWSLambdaBasicExecutionRole: it may write to the functions' log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.logGroup.grantWrite(this.role);

    this.lambda = new NodejsFunction(this, 'Function', {
      entry: path.resolve(projectRoot, props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: path.join(projectRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      description: props.description,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'lead-crm',
        POWERTOOLS_METRICS_NAMESPACE: 'LeadCrm',
        LOG_LEVEL: props.config.logLevel,
        BROKERAGE_ID: props.config.id,
        DEFAULT_COUNTRY: props.config.defaultPhoneCountry,
        DEFAULT_TIMEZONE: props.config.defaultTimezone,
        ...(props.config.typicalLocalBudget && {
          TYPICAL_LOCAL_BUDGET: String(props.config.typicalLocalBudget),
        }),
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...props.environment,
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        minify: true,
        mainFields: ['module', 'main'],
        banner: requireShim,
        // The SDK is bundled so the deployed clients are the versions the tests ran against.
        bundleAwsSDK: true,
        forceDockerBundling: false,
      },
    });

    Validations.of(this).acknowledge(
      {
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason:
          'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords do not support resource-level permissions.',
      },
      {
        id: 'AwsSolutions-L1',
        reason:
          'Node.js 22 is the runtime the bundles are built for (esbuild target node22); moving to 24 changes runtime and target together, once the handlers are verified on it.',
      },
    );
  }

  /** `TABLE_NAME` plus read or read-write data access to the table and its indexes, nothing else. */
  bindTable(table: ITable, access: TableAccess): this {
    this.lambda.addEnvironment(bindingEnv.tableName, table.tableName);
    if (access === 'readWrite') table.grantReadWriteData(this.role);
    else table.grantReadData(this.role);

    // The grant names `<table arn>/index/*`: the indexes of this one table, which the queries need.
    const cfnTable = table.node.defaultChild;
    if (CfnResource.isCfnResource(cfnTable)) {
      const tableLogicalId = Stack.of(cfnTable).getLogicalId(cfnTable);
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${tableLogicalId}.Arn>/index/*]`,
        reason:
          "Access patterns are Queries on the table's global secondary indexes; the wildcard covers only this table's indexes.",
      });
    }
    return this;
  }

  /**
   * `BEDROCK_MODEL_ID` plus `bedrock:InvokeModel` (Converse) on exactly what a call to it touches: a
   * foundation model in the stack's Region; or an inference profile in the stack's Region and its
   * foundation model in each Region the profile routes to (for a `global.` profile, the model with no
   * Region, which AWS documents for requests it routes worldwide).
   */
  bindBedrockModel(modelId: string): this {
    this.lambda.addEnvironment(bindingEnv.bedrockModelId, modelId);
    for (const statement of bedrockInvokeStatements(
      Stack.of(this),
      modelId,
      this.config.bedrockModelRegions,
    )) {
      this.role.addToPrincipalPolicy(statement);
    }
    return this;
  }

  /** `WHATSAPP_SECRET_ARN` and `GRAPH_API_VERSION` plus read access to that secret. */
  bindWhatsAppSecrets(secret: ISecret): this {
    this.lambda.addEnvironment(bindingEnv.whatsAppSecretArn, secret.secretArn);
    this.lambda.addEnvironment(bindingEnv.graphApiVersion, this.config.whatsAppGraphApiVersion);
    secret.grantRead(this.role);
    return this;
  }

  /**
   * `SCHEDULE_GROUP_NAME`, `SCHEDULER_ROLE_ARN` and `WAKE_DEAD_LETTER_QUEUE_ARN`, plus creating and
   * deleting schedules in that one group and passing that one role to Scheduler.
   */
  bindWakeScheduling({ scheduleGroup, schedulerRole, deadLetterQueue }: WakeSchedulingResources): this {
    this.lambda.addEnvironment('SCHEDULE_GROUP_NAME', scheduleGroup.scheduleGroupName);
    this.lambda.addEnvironment('SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
    this.lambda.addEnvironment('WAKE_DEAD_LETTER_QUEUE_ARN', deadLetterQueue.queueArn);
    const stack = Stack.of(this);
    const schedules = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${scheduleGroup.scheduleGroupName}/*`,
    });
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule'],
        resources: [schedules],
      }),
    );
    schedulerRole.grantPassRole(this.role);
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${asNagResource(stack.resolve(schedules))}]`,
      reason:
        'Wake schedules are named per enrolment step at run time; the wildcard covers only the schedules of the follow-up schedule group.',
    });
    return this;
  }

  /**
   * `states:SendTaskSuccess` on one state machine (to wake an execution at once). In a policy of its
   * own: the state machine names this function, so the grant cannot sit in the policy the function
   * is created after.
   */
  bindTaskSuccess(stateMachine: IStateMachine): this {
    new Policy(this, 'TaskSuccess', {
      roles: [this.role],
      statements: [
        new PolicyStatement({
          actions: ['states:SendTaskSuccess'],
          resources: [stateMachine.stateMachineArn],
        }),
      ],
    });
    return this;
  }

  /** `FOLLOW_UP_STATE_MACHINE_ARN` plus starting executions of that one state machine. */
  bindFollowUpExecutions(stateMachine: IStateMachine): this {
    this.lambda.addEnvironment(bindingEnv.followUpStateMachineArn, stateMachine.stateMachineArn);
    stateMachine.grantStartExecution(this.role);
    return this;
  }

  /**
   * `EMAIL_FROM`, `EMAIL_REPLY_TO`, `EMAIL_CONFIGURATION_SET_NAME` and `API_BASE_URL`, plus
   * `ses:SendEmail` on the brokerage's identity and configuration set only.
   */
  bindEmailSending(email: EmailSendingResources): this {
    this.lambda.addEnvironment(bindingEnv.emailFrom, email.from);
    this.lambda.addEnvironment(bindingEnv.emailReplyTo, email.replyTo);
    this.lambda.addEnvironment(bindingEnv.emailConfigurationSet, email.configurationSetName);
    this.lambda.addEnvironment(bindingEnv.apiBaseUrl, email.apiBaseUrl);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendEmail'],
        resources: [email.identityArn, email.configurationSetArn],
      }),
    );
    return this;
  }

  /** `INBOUND_EMAIL_BUCKET` plus reading and deleting the raw emails SES stores in it, nothing else. */
  bindInboundEmail(bucket: IBucket): this {
    this.lambda.addEnvironment(bindingEnv.inboundEmailBucket, bucket.bucketName);
    const objects = bucket.arnForObjects(`${inboundEmailPrefix}*`);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:GetObject', 's3:DeleteObject'], resources: [objects] }),
    );
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::${asNagResource(Stack.of(this).resolve(objects))}]`,
      reason:
        'Each raw email is an object named by its SES message id; the wildcard covers only the inbound emails of one bucket.',
    });
    return this;
  }

  /**
   * The push applications' ARNs, making endpoints on them, and publishing to, refreshing and deleting
   * the endpoints made on them (nothing else in the account).
   */
  bindPush(push: PushSettings): this {
    const applications = [push.iosPlatformApplicationArn, push.androidPlatformApplicationArn].filter(
      (arn): arn is string => arn !== undefined,
    );
    if (push.iosPlatformApplicationArn)
      this.lambda.addEnvironment(bindingEnv.pushIosApplicationArn, push.iosPlatformApplicationArn);
    if (push.androidPlatformApplicationArn)
      this.lambda.addEnvironment(bindingEnv.pushAndroidApplicationArn, push.androidPlatformApplicationArn);
    const endpoints = applications.map((arn) => `${arn.replace(':app/', ':endpoint/')}/*`);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['sns:CreatePlatformEndpoint'], resources: applications }),
    );
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['sns:Publish', 'sns:SetEndpointAttributes', 'sns:DeleteEndpoint'],
        resources: endpoints,
      }),
    );
    for (const endpoint of endpoints) {
      Validations.of(this.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${asNagResource(endpoint)}]`,
        reason:
          "Each device's endpoint is made at registration and named by SNS; the wildcard covers only the endpoints of the brokerage's own platform application.",
      });
    }
    return this;
  }

  /** Applies a route's (or workflow task's) declared access: each flag becomes one binding. */
  bindAccess(access: RouteAccess, resources: AccessResources): this {
    if (access.table) this.bindTable(resources.table, access.table);
    if (access.bedrock) this.bindBedrockModel(resources.bedrockModelId);
    if (access.whatsappSecrets) this.bindWhatsAppSecrets(resources.whatsAppSecret);
    if (access.followUpExecutions) {
      if (!resources.followUpStateMachine)
        throw new Error('Starting follow-ups needs the follow-up workflow');
      this.bindFollowUpExecutions(resources.followUpStateMachine);
    }
    if (access.followUpWakes) {
      if (!resources.followUpWakes || !resources.followUpStateMachine) {
        throw new Error('Waking follow-ups needs the follow-up workflow');
      }
      this.bindWakeScheduling(resources.followUpWakes).bindTaskSuccess(resources.followUpStateMachine);
    }
    // A brokerage without email: the function gets no sender and sends none.
    if (access.sendsEmail && resources.emailSending) this.bindEmailSending(resources.emailSending);
    // A brokerage without push: the function gets no application and push lands nowhere but the log.
    if (access.push && resources.push) this.bindPush(resources.push);
    if (access.inboundEmail) {
      if (!resources.inboundEmailBucket)
        throw new Error('Reading inbound email needs the email receipt rule');
      this.bindInboundEmail(resources.inboundEmailBucket);
    }
    return this;
  }
}
