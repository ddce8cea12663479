import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Subscribed when set; otherwise operators subscribe later. */
  readonly email?: string;
}

/** Where the stack's alarms go: an SNS topic that only accepts TLS, with the operator's email subscribed. */
export class AlarmTopic extends Topic {
  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id, { displayName: 'Lead CRM alarms', enforceSSL: true });
    if (props.email) this.addSubscription(new EmailSubscription(props.email));
  }
}
