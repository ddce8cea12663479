import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerageConfigError, loadBrokerageConfig, withPushFromContext } from '../lib/config';
import { BrokerageStack } from '../lib/stacks/brokerage-stack';

const app = new App();

const brokerage: unknown = app.node.tryGetContext('brokerage');
let config: ReturnType<typeof loadBrokerageConfig>;
try {
  config = withPushFromContext(loadBrokerageConfig(typeof brokerage === 'string' ? brokerage : undefined), {
    ios: app.node.tryGetContext('pushIosPlatformApplicationArn'),
    android: app.node.tryGetContext('pushAndroidPlatformApplicationArn'),
  });
} catch (error) {
  if (!(error instanceof BrokerageConfigError)) throw error;
  // One readable line for the platform engineer instead of a stack trace.
  console.error(error.message);
  process.exit(1);
}

new BrokerageStack(app, BrokerageStack.stackNameFor(config.id), { config });

// Every unacknowledged AwsSolutions finding fails the synth; acknowledgements carry their reasons.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
