import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { type Sampled, scoreSample } from './mutation-sample-scores';

/**
 * `npm run test:mutation`: Stryker over every mutant of stryker.config.json (incremental), then the
 * score per folder (scripts/mutation-scores.ts).
 *
 * A whole-folder run takes hours on a 2-core machine (about 8,800 mutants in lambdas/domain,
 * 3,300 in the DynamoDB adapters, roughly two CPU-seconds each). This runs a seeded simple random
 * sample of each folder's mutants instead and prints each folder's score with a 95% interval:
 *
 *   npm run test:mutation -- --sample 400 [--seed 7] [--folder lambdas/domain] [--concurrency 2]
 *
 * Every mutant of a folder is listed by Stryker's own instrumenter; the sample is drawn from that list;
 * Stryker then runs only the sampled mutants (a mutation range per mutant; an ignorer,
 * scripts/mutation-sample-ignorer.mjs, skips the mutants nested inside a sampled one). Static mutants (module-level values, about a sixth of
 * the mutants but seven tenths of the time, each re-running every test) are left out of a sample, so
 * its score is that of the other mutants. Domain code is judged by the unit tests alone, the DynamoDB
 * adapters by the unit and integration tests (DynamoDB Local).
 */
const { values } = parseArgs({
  options: {
    sample: { type: 'string' },
    seed: { type: 'string', default: '20261202' },
    folder: { type: 'string', multiple: true },
    concurrency: { type: 'string', default: '2' },
  },
});

const run = (command: string, args: string[], env: Record<string, string> = {}) => {
  const { status } = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (status !== 0) process.exit(status ?? 1);
};

if (values.sample === undefined) {
  run('npx', ['stryker', 'run']);
  run('npx', ['tsx', 'scripts/mutation-scores.ts']);
  process.exit(0);
}

const base = JSON.parse(readFileSync('stryker.config.json', 'utf8')) as { mutate: string[] };
const folders: Record<string, { projects: string }> = {
  'lambdas/domain': { projects: 'unit' },
  'lambdas/adapters/dynamodb': { projects: 'unit,integration' },
};
const chosen = values.folder ?? Object.keys(folders);
const size = Number(values.sample);
if (!Number.isInteger(size) || size < 1) throw new Error('--sample must be a whole number of mutants');
for (const folder of chosen) {
  if (!folders[folder]) throw new Error(`--folder must be one of ${Object.keys(folders).join(', ')}`);
  if (!base.mutate.includes(`${folder}/**/*.ts`)) throw new Error(`${folder} is not in stryker.config.json`);
}

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });

/** mulberry32: the same seed draws the same sample on any machine. */
const random = (seed: number) => () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

const quiet = new Proxy({}, { get: (_, key) => (String(key).startsWith('is') ? () => false : () => {}) });
const instrumenter = new Instrumenter(quiet as ConstructorParameters<typeof Instrumenter>[0]);
const outDir = 'reports/mutation-sample';
mkdirSync(outDir, { recursive: true });

for (const folder of chosen) {
  const files = sourceFiles(folder).map((name) => ({
    name,
    content: readFileSync(name, 'utf8'),
    mutate: true,
  }));
  const { mutants } = await instrumenter.instrument(files, {
    plugins: null,
    excludedMutations: [],
    ignorers: [],
  });
  const draw = random(Number(values.seed));
  const pool = [...mutants];
  // Partial Fisher-Yates: the first `size` entries are a simple random sample without replacement.
  for (let i = 0; i < Math.min(size, pool.length); i++) {
    const j = i + Math.floor(draw() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  // Instrumenter locations are 0-based; Stryker's ranges take 1-based lines, the report 1-based both.
  const sample: Sampled[] = pool.slice(0, size).map(({ fileName, location: { start, end }, ...m }) => ({
    file: fileName,
    mutatorName: m.mutatorName,
    replacement: m.replacement,
    start: { line: start.line + 1, column: start.column + 1 },
    end: { line: end.line + 1, column: end.column + 1 },
  }));
  const slug = folder.replaceAll('/', '-');
  const report = `${outDir}/${slug}.json`;
  const config = `${outDir}/${slug}.config.json`;
  writeFileSync(
    `${outDir}/${slug}.sample.json`,
    JSON.stringify({ folder, of: mutants.length, sample }, null, 1),
  );
  writeFileSync(
    config,
    JSON.stringify({
      ...base,
      mutate: sample.map(
        (m) => `${m.file}:${m.start.line}:${m.start.column - 1}-${m.end.line}:${m.end.column - 1}`,
      ),
      incremental: false,
      ignoreStatic: true,
      plugins: ['@stryker-mutator/vitest-runner', './scripts/mutation-sample-ignorer.mjs'],
      ignorers: ['sampled-only'],
      concurrency: Number(values.concurrency),
      reporters: ['json', 'progress'],
      jsonReporter: { fileName: report },
    }),
  );
  console.log(`${folder}: ${sample.length} of ${mutants.length} mutants drawn (seed ${values.seed})`);
  run('npx', ['stryker', 'run', config], {
    MUTATION_PROJECTS: folders[folder]!.projects,
    MUTATION_SAMPLE: `${outDir}/${slug}.sample.json`,
  });
  scoreSample(folder, mutants.length, sample, report);
}
