import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { routes } from '../../schemas/routes';
import { round } from './stats';

const rootDir = fileURLToPath(new URL('../..', import.meta.url));

// The same options the stack's function construct gives NodejsFunction.
const bundleOptions = {
  bundle: true,
  platform: 'node' as const,
  format: 'esm' as const,
  target: 'node22',
  minify: true,
  mainFields: ['module', 'main'],
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  write: false,
  logLevel: 'silent' as const,
};

const baselineSource = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async () => client.config.serviceId;`;

export interface BundleResult {
  name: string;
  bytes: number;
  loadMs: number;
  sizeRatio: number;
  loadRatio: number;
}

const bundle = async (entry: { path?: string; contents?: string }) => {
  const result = await build({
    ...bundleOptions,
    ...(entry.path
      ? { entryPoints: [entry.path] }
      : { stdin: { contents: entry.contents ?? '', resolveDir: rootDir, loader: 'ts' as const } }),
  });
  const file = result.outputFiles?.[0];
  if (!file) throw new Error('esbuild produced no output');
  return file.contents;
};

/**
 * What the stack binds, with stand-in values, so a handler that wires its clients at import (as in Lambda's
 * init) loads as it would in the cloud; nothing is called.
 */
const boundEnv: Record<string, string> = {
  TABLE_NAME: 'bench',
  AWS_REGION: 'us-east-1',
  BEDROCK_MODEL_ID: 'us.anthropic.claude-haiku-4-5-20251001-v1:0',
  WHATSAPP_SECRET_ARN: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:bench',
  FOLLOW_UP_STATE_MACHINE_ARN: 'arn:aws:states:us-east-1:123456789012:stateMachine:bench',
  SCHEDULE_GROUP_NAME: 'bench',
  SCHEDULER_ROLE_ARN: 'arn:aws:iam::123456789012:role/bench',
  WAKE_DEAD_LETTER_QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:bench',
  EMAIL_FROM: 'homes@example.com',
  EMAIL_REPLY_TO: 'replies@example.com',
  EMAIL_CONFIGURATION_SET_NAME: 'bench',
  API_BASE_URL: 'https://api.example.com/',
  INBOUND_EMAIL_BUCKET: 'bench',
};

/** Median time for a fresh Node process to import the bundle (module init included), minus an empty one. */
const loadTime = (file: string, runs: number) => {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...boundEnv, POWERTOOLS_LOG_LEVEL: 'SILENT' },
    });
    samples.push(Number(out.toString().trim()));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)] ?? Number.NaN;
};

/** Each route's bundle against a bundle holding only the DynamoDB client: size and load time. */
export const measureBundles = async (
  runs = 5,
): Promise<{ baseline: { bytes: number; loadMs: number }; functions: BundleResult[] }> => {
  const dir = mkdtempSync(join(tmpdir(), 'lead-crm-bundles-'));
  const write = (name: string, contents: Uint8Array) => {
    const file = join(dir, `${name}.mjs`);
    writeFileSync(file, contents);
    return file;
  };

  const baselineBytes = await bundle({ contents: baselineSource });
  const baselineLoad = loadTime(write('baseline', baselineBytes), runs);

  const functions: BundleResult[] = [];
  for (const route of routes) {
    const contents = await bundle({ path: join(rootDir, route.handler) });
    const loadMs = loadTime(write(route.id, contents), runs);
    functions.push({
      name: route.id,
      bytes: contents.byteLength,
      loadMs: round(loadMs, 1),
      sizeRatio: round(contents.byteLength / baselineBytes.byteLength, 2),
      loadRatio: round(loadMs / baselineLoad, 2),
    });
  }
  return { baseline: { bytes: baselineBytes.byteLength, loadMs: round(baselineLoad, 1) }, functions };
};
