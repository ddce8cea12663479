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
      bedrockModelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      whatsAppGraphApiVersion: 'v21.0',
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
