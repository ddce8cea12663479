import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { BrokerageConfigError, loadBrokerageConfig, withPushFromContext } from '../lib/config';
import { BrokerageStack } from '../lib/stacks/brokerage-stack';

const app = new App();

const brokerage: unknown = app.node.tryGetContext('brokerage');
/** A context value given with `-c name=value`, for settings a deploy may change without editing lib/config.ts. */
const contextString = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  return typeof value === 'string' && value !== '' ? value : undefined;
};
const graphApiVersion = contextString('graphApiVersion');
const bedrockModelId = contextString('bedrockModelId');
let config: ReturnType<typeof loadBrokerageConfig>;
try {
  config = withPushFromContext(
    loadBrokerageConfig(typeof brokerage === 'string' ? brokerage : undefined, {
      ...(graphApiVersion && { whatsAppGraphApiVersion: graphApiVersion }),
      ...(bedrockModelId && { bedrockModelId }),
    }),
    {
      ios: contextString('pushIosPlatformApplicationArn'),
      android: contextString('pushAndroidPlatformApplicationArn'),
    },
  );
} catch (error) {
  if (!(error instanceof BrokerageConfigError)) throw error;
  // One readable line for the platform engineer instead of a stack trace.
  console.error(error.message);
  process.exit(1);
}

new BrokerageStack(app, BrokerageStack.stackNameFor(config.id), { config });

// Every unacknowledged AwsSolutions finding fails the synth; acknowledgements carry their reasons.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
