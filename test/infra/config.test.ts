import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { BrokerageConfigError, brokerages, loadBrokerageConfig } from '../../lib/config';
import { repositoryRoot } from '../../lib/constructs/app-function';

const run = promisify(execFile);

/** Runs bin/app.ts the way the CDK CLI does, passing context through CDK_CONTEXT_JSON. */
const runCdkApp = async (context: Record<string, unknown>) => {
  const tsx = path.join(repositoryRoot, 'node_modules/tsx/dist/cli.mjs');
  try {
    const { stderr } = await run(process.execPath, [tsx, 'bin/app.ts'], {
      cwd: repositoryRoot,
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify(context) },
    });
    return { exitCode: 0, stderr };
  } catch (error) {
    const failure = error as { code: number; stderr: string };
    return { exitCode: failure.code, stderr: failure.stderr };
  }
};

describe('loadBrokerageConfig', () => {
  it.each(Object.keys(brokerages))('accepts the settings of known brokerage %s', (id) => {
    expect(loadBrokerageConfig(id).id).toBe(id);
  });

  it('fills what a brokerage leaves out with the defaults', () => {
    const acme = loadBrokerageConfig('acme');
    expect(acme).toMatchObject({
      region: 'us-east-1',
      bedrockModelId: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
      whatsAppGraphApiVersion: 'v25.0',
      mfa: 'required',
      corsOrigins: [],
    });
    expect(acme.account).toBeUndefined();
  });

  it("keeps the brokerage's own values over the defaults", () => {
    expect(loadBrokerageConfig('acme')).toMatchObject({
      displayName: 'Acme Homes',
      defaultTimezone: 'America/Chicago',
      apiThrottle: { rateLimit: 100, burstLimit: 200 },
      logRetentionDays: 90,
      alarmEmail: 'platform@acme-homes.example.com',
    });
  });

  it('names the known brokerages when the id is unknown', () => {
    expect(() => loadBrokerageConfig('globex')).toThrow(BrokerageConfigError);
    expect(() => loadBrokerageConfig('globex')).toThrow(
      'Unknown brokerage "globex". Known brokerages: acme, demo.',
    );
  });

  it('does not treat inherited object keys as brokerages', () => {
    expect(() => loadBrokerageConfig('toString')).toThrow(/Unknown brokerage "toString"/);
  });

  it('answers a missing id with the usage line', () => {
    expect(() => loadBrokerageConfig(undefined)).toThrow(/^Usage: npx cdk synth -c brokerage=<id>/);
  });
});

describe('the Bedrock model a brokerage calls', () => {
  const haiku = 'anthropic.claude-haiku-4-5-20251001-v1:0';

  it.each([
    ['us-west-2', `us.${haiku}`],
    ['eu-central-1', `eu.${haiku}`],
    ['ap-southeast-2', `apac.${haiku}`],
    ['ca-central-1', `global.${haiku}`],
  ])(
    "defaults in %s to Claude Haiku 4.5 through the profile of the Region's geography",
    (region, modelId) => {
      expect(loadBrokerageConfig('acme', { region }).bedrockModelId).toBe(modelId);
    },
  );

  it.each([`us.${haiku}`, `global.${haiku}`, haiku, 'amazon.nova-micro-v1:0', 'anthropic.claude-sonnet-4-6'])(
    'accepts %s from a US Region',
    (bedrockModelId) => {
      expect(loadBrokerageConfig('acme', { bedrockModelId }).bedrockModelId).toBe(bedrockModelId);
    },
  );

  it("refuses a profile of another geography than the stack's Region, naming the ones that work", () => {
    expect(() => loadBrokerageConfig('acme', { bedrockModelId: `eu.${haiku}` })).toThrow(
      /must be a us\. or global\. profile: a eu\. profile cannot be invoked from us-east-1\n.*at bedrockModelId/,
    );
  });

  it.each([`jp.${haiku}`, 'Claude Haiku', `arn:aws:bedrock:us-east-1::foundation-model/${haiku}`])(
    'refuses %s with the forms it accepts',
    (bedrockModelId) => {
      expect(() => loadBrokerageConfig('acme', { bedrockModelId })).toThrow(
        /us\., eu\., apac\. or global\. before it\n.*at bedrockModelId/,
      );
    },
  );

  it('takes the Regions a geographic profile routes to from the config, and refuses them for a global profile', () => {
    expect(
      loadBrokerageConfig('acme', { bedrockModelRegions: ['us-east-1', 'us-west-2'] }).bedrockModelRegions,
    ).toEqual(['us-east-1', 'us-west-2']);
    expect(() =>
      loadBrokerageConfig('acme', { bedrockModelId: `global.${haiku}`, bedrockModelRegions: ['us-east-1'] }),
    ).toThrow(/bedrockModelRegions/);
  });
});

describe('the Graph API version', () => {
  it('is a current version unless the deploy names another', () => {
    expect(loadBrokerageConfig('demo').whatsAppGraphApiVersion).toBe('v25.0');
    expect(loadBrokerageConfig('demo', { whatsAppGraphApiVersion: 'v26.0' }).whatsAppGraphApiVersion).toBe(
      'v26.0',
    );
  });

  it('refuses a value that is not a version', () => {
    expect(() => loadBrokerageConfig('demo', { whatsAppGraphApiVersion: '25' })).toThrow(
      /must look like v25\.0\n.*at whatsAppGraphApiVersion/,
    );
  });
});

describe('bin/app.ts', () => {
  it('stops with one line naming the known brokerages when the id is unknown', async () => {
    const { exitCode, stderr } = await runCdkApp({ brokerage: 'globex' });
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toBe('Unknown brokerage "globex". Known brokerages: acme, demo.');
  });

  it('stops with the usage line when no brokerage is given', async () => {
    const { exitCode, stderr } = await runCdkApp({});
    expect(exitCode).toBe(1);
    expect(stderr.trim()).toMatch(/^Usage: npx cdk synth -c brokerage=<id>/);
  });
});
