import { CfnOutput, Duration, Lazy, Stack, Validations } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  ReceiptRule,
  ReceiptRuleSet,
  SuppressionReasons,
  TlsPolicy,
} from 'aws-cdk-lib/aws-ses';
import { Lambda as LambdaAction, LambdaInvocationType, S3 as S3Action } from 'aws-cdk-lib/aws-ses-actions';
import { Construct } from 'constructs';
import { inboundEmailFunction, inboundEmailPrefix } from '../../schemas/email';
import type { BrokerageConfig, EmailSettings } from '../config';
import { type AccessResources, AppFunction, type EmailSendingResources } from './app-function';

export interface EmailChannelProps {
  readonly config: BrokerageConfig;
  readonly settings: EmailSettings;
  /** What the reply function's access binds to (the table). */
  readonly resources: AccessResources;
  /** Where handler entries are resolved; the repository root unless a test points it at a fixture tree. */
  readonly projectRoot?: string;
}

/**
 * The brokerage's email: a configuration set (reputation metrics, sending metrics to CloudWatch,
 * bounces and complaints suppressed), the sender identity (created, or referenced when it already
 * exists), and, when a receipt rule set is named, replies: a rule in that (already active) set for the
 * receiving address that stores the raw message in an encrypted, short-lived bucket, then invokes the
 * function that records it.
 */
export class EmailChannel extends Construct {
  readonly configurationSet: ConfigurationSet;
  /** Created here unless the config says it exists. */
  readonly identity?: EmailIdentity;
  readonly identityArn: string;
  readonly sending: EmailSendingResources;
  readonly inboundBucket?: Bucket;
  readonly receiptRule?: ReceiptRule;
  readonly replyFunction?: AppFunction;
  private apiBaseUrl?: string;

  constructor(scope: Construct, id: string, props: EmailChannelProps) {
    super(scope, id);
    const { config, settings } = props;
    const stack = Stack.of(this);

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('SendingMetrics', {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: 'ses:configuration-set',
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: 'none',
        },
      ]),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });

    const domain = settings.sender.split('@')[1] ?? '';
    const identityName = settings.identity === 'domain' ? domain : settings.sender;
    if (settings.identityExists) {
      this.identityArn = stack.formatArn({
        service: 'ses',
        resource: 'identity',
        resourceName: identityName,
      });
    } else {
      this.identity = new EmailIdentity(this, 'Identity', {
        identity: settings.identity === 'domain' ? Identity.domain(domain) : Identity.email(settings.sender),
        configurationSet: this.configurationSet,
      });
      this.identityArn = this.identity.emailIdentityArn;
      if (settings.identity === 'domain') {
        new CfnOutput(this, 'DkimRecords', {
          description: `Add these three CNAME records to ${domain}'s DNS to verify it (name=value, comma-separated)`,
          value: [1, 2, 3]
            .map((n) => {
              const identity = this.identity as unknown as Record<string, string>;
              return `${identity[`dkimDnsTokenName${n}`]}=${identity[`dkimDnsTokenValue${n}`]}`;
            })
            .join(','),
        });
      }
    }

    this.sending = {
      from: `"${(settings.senderName ?? config.displayName).replace(/["\\]/g, '')}" <${settings.sender}>`,
      replyTo: settings.replyTo,
      identityArn: this.identityArn,
      configurationSetName: this.configurationSet.configurationSetName,
      configurationSetArn: stack.formatArn({
        service: 'ses',
        resource: 'configuration-set',
        resourceName: this.configurationSet.configurationSetName,
      }),
      apiBaseUrl: Lazy.string({
        produce: () => {
          if (!this.apiBaseUrl) throw new Error('EmailChannel: call useApiBaseUrl once the HTTP API exists');
          return this.apiBaseUrl;
        },
      }),
    };

    if (settings.receiptRuleSetName) this.receiveReplies(settings.receiptRuleSetName, props);
  }

  /** The API whose `/unsubscribe/{token}` routes the emails' unsubscribe links point at. */
  useApiBaseUrl(url: string): void {
    this.apiBaseUrl = url;
  }

  private receiveReplies(ruleSetName: string, props: EmailChannelProps): void {
    const bucket = new Bucket(this, 'Inbound', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Each message is deleted once recorded; what a failure leaves behind goes after a day.
      lifecycleRules: [
        { expiration: Duration.days(1), abortIncompleteMultipartUploadAfter: Duration.days(1) },
      ],
    });
    Validations.of(bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'Raw inbound emails live here for seconds (deleted once recorded, expired after a day); only SES writes and one function reads, both logged in CloudTrail.',
    });
    (this as { inboundBucket?: Bucket }).inboundBucket = bucket;

    const fn = new AppFunction(this, 'ReceiveReply', {
      config: props.config,
      entry: inboundEmailFunction.handler,
      projectRoot: props.projectRoot,
      description: inboundEmailFunction.summary,
      timeout: Duration.seconds(inboundEmailFunction.timeoutSeconds),
    }).bindAccess(inboundEmailFunction.access, { ...props.resources, inboundEmailBucket: bucket });
    (this as { replyFunction?: AppFunction }).replyFunction = fn;

    (this as { receiptRule?: ReceiptRule }).receiptRule = new ReceiptRule(this, 'ReplyRule', {
      // The account's active set: a stack never creates or activates one (an account has a single active set).
      ruleSet: ReceiptRuleSet.fromReceiptRuleSetName(this, 'ActiveRuleSet', ruleSetName),
      recipients: [props.settings.replyTo],
      scanEnabled: true,
      tlsPolicy: TlsPolicy.REQUIRE,
      actions: [
        new S3Action({ bucket, objectKeyPrefix: inboundEmailPrefix }),
        new LambdaAction({ function: fn.lambda, invocationType: LambdaInvocationType.EVENT }),
      ],
    });
  }
}
