import { CfnOutput, Duration, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import { type BusinessMetricName, metricsNamespace, metricsServiceName } from '../../schemas/metrics';
import { type RouteAccess, type RouteDefinition, routes as routeTable } from '../../schemas/routes';
import { type ScheduledJob, scheduledJobs } from '../../schemas/scheduled-jobs';
import { tableLayout } from '../../schemas/table';
import type { BrokerageConfig } from '../config';
import { AgentActivity } from '../constructs/agent-activity';
import { AlarmTopic } from '../constructs/alarm-topic';
import { type AccessResources, AppFunction, type AppFunctionProps } from '../constructs/app-function';
import { DataTable } from '../constructs/data-table';
import { EmailChannel } from '../constructs/email-channel';
import { FollowUpReactions } from '../constructs/follow-up-reactions';
import { FollowUpWorkflow } from '../constructs/follow-up-workflow';
import { CrmHttpApi } from '../constructs/http-api';
import { ModelSilenceAlarm } from '../constructs/model-silence-alarm';
import { OperationalAlarms } from '../constructs/operational-alarms';
import { AgentUserPool } from '../constructs/user-pool';
import { WhatsAppSecret } from '../constructs/whatsapp-secret';

export interface BrokerageStackProps extends Omit<StackProps, 'env'> {
  readonly config: BrokerageConfig;
  /** @default the route table in schemas/routes.ts */
  readonly routes?: readonly RouteDefinition[];
  /** Where handler entries are resolved; the repository root unless a test points it at a fixture tree. */
  readonly projectRoot?: string;
}

/** Options for a function that is not an API route, such as a workflow task. */
export interface BrokerageFunctionOptions extends Omit<AppFunctionProps, 'config' | 'projectRoot'> {
  /** What it may touch, in the same terms as a route's `access`. */
  readonly access: RouteAccess;
}

/**
 * Everything one brokerage runs on, isolated from every other brokerage: its table, agents' user
 * pool, WhatsApp credentials, HTTP API with one function per route, the follow-up workflow, and the
 * alarm topic. Functions outside both are added with {@link BrokerageStack.addFunction}.
 */
export class BrokerageStack extends Stack {
  /** The construct id and CloudFormation stack name of a brokerage's stack. */
  static stackNameFor(brokerageId: string): string {
    return `LeadCrm-${brokerageId}`;
  }

  readonly config: BrokerageConfig;
  readonly table: DataTable;
  readonly agents: AgentUserPool;
  readonly whatsAppSecret: WhatsAppSecret;
  readonly api: CrmHttpApi;
  readonly alarmTopic: AlarmTopic;
  /** The functions of the scheduled jobs, by job id. */
  readonly jobFunctions = new Map<string, AppFunction>();
  readonly followUps: FollowUpWorkflow;
  /** Email to leads and their replies; absent when the brokerage's config has no email. */
  readonly email?: EmailChannel;
  /** Stops follow-ups on a reply, opt-out or closed outcome, read from the table's stream. */
  readonly followUpReactions: FollowUpReactions;
  /** Real 5xx, signature rejections, public-route 4xx bursts, function faults, table throttling. */
  readonly operationalAlarms: OperationalAlarms;
  /** Fires when the Bedrock model has not answered for an hour while the rules answered in its place. */
  readonly modelSilence: ModelSilenceAlarm;
  /** Counts agents' activity for analytics and keeps their offline change feed, read from the table's stream. */
  readonly agentActivity: AgentActivity;
  /** What a function's `access` binds to; shared by route functions and any added later. */
  readonly accessResources: AccessResources;
  private readonly projectRoot?: string;

  constructor(scope: Construct, id: string, props: BrokerageStackProps) {
    const { config, routes, projectRoot, ...stackProps } = props;
    super(scope, id, {
      ...stackProps,
      env: { account: config.account, region: config.region },
      description: stackProps.description ?? `Lead CRM backend for ${config.displayName} (${config.id})`,
    });
    this.config = config;
    this.projectRoot = projectRoot;
    Tags.of(this).add('app', 'lead-crm');
    Tags.of(this).add('brokerage', config.id);

    this.table = new DataTable(this, 'Table');
    this.agents = new AgentUserPool(this, 'Agents', { config });
    this.whatsAppSecret = new WhatsAppSecret(this, 'WhatsAppSecret');
    this.accessResources = {
      table: this.table,
      bedrockModelId: config.bedrockModelId,
      whatsAppSecret: this.whatsAppSecret,
      ...(config.push && { push: config.push }),
    };

    if (config.email) {
      this.email = new EmailChannel(this, 'Email', {
        config,
        settings: config.email,
        resources: this.accessResources,
        projectRoot,
      });
      this.accessResources = { ...this.accessResources, emailSending: this.email.sending };
    }

    this.alarmTopic = new AlarmTopic(this, 'Alarms', { email: config.alarmEmail });
    // Before the API: enrolling a lead starts an execution of its state machine.
    this.followUps = new FollowUpWorkflow(this, 'FollowUps', {
      config,
      resources: this.accessResources,
      alarmTopic: this.alarmTopic,
      projectRoot,
    });
    this.accessResources = {
      ...this.accessResources,
      followUpStateMachine: this.followUps.stateMachine,
      followUpWakes: this.followUps,
    };
    this.followUpReactions = new FollowUpReactions(this, 'FollowUpReactions', {
      config,
      resources: this.accessResources,
      alarmTopic: this.alarmTopic,
      projectRoot,
    });

    this.agentActivity = new AgentActivity(this, 'AgentActivity', {
      config,
      resources: this.accessResources,
      alarmTopic: this.alarmTopic,
      projectRoot,
    });

    this.api = new CrmHttpApi(this, 'Http', {
      config,
      routes: routes ?? routeTable,
      userPool: this.agents.userPool,
      userPoolClient: this.agents.appClient,
      resources: this.accessResources,
      projectRoot,
    });
    this.email?.useApiBaseUrl(this.api.url);

    for (const job of scheduledJobs) this.addScheduledJob(job);
    this.alarmOn(
      'LeadgenParked',
      'A Facebook Lead Ads form could not be read from Meta (expired page token, missing permission) and is parked: fix the token in the Meta secret; parked forms are retried every 15 minutes (GET /admin/parked-leads lists them).',
    );
    this.alarmOn(
      'WebhookIntakeRefused',
      "Meta's webhooks are answered 503 (the metric's reason dimension says why): page_id_missing or phone_number_id_missing, the brokerage's Facebook Page id or WhatsApp phone number id is not in the Meta secret; no_agent, the user pool has no agent of this brokerage to route a new lead to. Meta redelivers for up to 7 days, so fix it now.",
    );

    this.alarmOn(
      'FollowUpAutoEnrolFailed',
      "A new lead from WhatsApp or Facebook was kept but not enrolled in its follow-up (the state machine could not be started, or the table refused the run): enrol it with POST /leads/{leadId}/follow-up; the function's logs name the lead.",
    );

    this.modelSilence = new ModelSilenceAlarm(this, 'ModelSilence', { alarmTopic: this.alarmTopic });

    // Last: it watches every function created above.
    this.operationalAlarms = new OperationalAlarms(this, 'OperationalAlarms', {
      alarmTopic: this.alarmTopic,
      httpApi: this.api.httpApi,
      accessLogs: this.api.accessLogs,
      publicRouteKeys: this.api.publicRouteKeys,
      tableName: this.table.tableName,
      globalIndexNames: tableLayout.globalIndexes.map((index) => index.indexName),
      functions: this.node
        .findAll()
        .filter((child): child is lambda.Function => child instanceof lambda.Function),
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.agents.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', {
      value: this.agents.appClient.userPoolClientId,
      description: 'App client of the mobile app (SRP sign-in, no secret)',
    });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'BrokerageId', {
      value: config.id,
      description:
        'The custom:brokerageId every agent carries (npm run agents sets it); tokens of any other are refused',
    });
    new CfnOutput(this, 'WhatsAppSecretArn', {
      value: this.whatsAppSecret.secretArn,
      description:
        'Paste appSecret, accessToken and phoneNumberId from Meta here, and add pageId and pageAccessToken (the Facebook Page, for Lead Ads); verifyToken is generated',
    });
  }

  /** A job's function, with the bindings its `access` declares, invoked by an EventBridge rule at its rate. */
  private addScheduledJob(job: ScheduledJob): AppFunction {
    const name = `${job.id.charAt(0).toUpperCase()}${job.id.slice(1)}`;
    const fn = this.addFunction(`${name}Job`, {
      entry: job.handler,
      description: job.summary,
      timeout: Duration.seconds(job.timeoutSeconds ?? 60),
      access: job.access,
    });
    new Rule(this, `${name}Schedule`, {
      description: job.summary,
      schedule: Schedule.rate(Duration.minutes(job.everyMinutes)),
      // The next run retries anyway; a failed one is not replayed on top of it.
      targets: [new LambdaFunction(fn.lambda, { retryAttempts: 0 })],
    });
    this.jobFunctions.set(job.id, fn);
    return fn;
  }

  /** An alarm to the alarm topic as soon as a business metric is counted once in five minutes. */
  alarmOn(metricName: BusinessMetricName, description: string): Alarm {
    const alarm = new Alarm(this, `${metricName}Alarm`, {
      alarmDescription: description,
      metric: new Metric({
        namespace: metricsNamespace,
        metricName,
        dimensionsMap: { service: metricsServiceName },
        period: Duration.minutes(5),
        statistic: 'Sum',
      }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    return alarm;
  }

  /** A function outside the route table (e.g. a workflow task) with the same runtime, logs and bindings. */
  addFunction(id: string, options: BrokerageFunctionOptions): AppFunction {
    const { access, ...functionProps } = options;
    return new AppFunction(this, id, {
      ...functionProps,
      config: this.config,
      projectRoot: this.projectRoot,
    }).bindAccess(access, this.accessResources);
  }
}
