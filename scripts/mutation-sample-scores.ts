import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/**
 * The score of a sampled mutation run (scripts/mutation-sample.ts): only the sampled mutants count
 * (not those nested inside them), with a 95% Wilson interval for the folder's whole-population score.
 * Re-print the last run's: `npx tsx scripts/mutation-sample-scores.ts`.
 */
export interface Sampled {
  file: string;
  mutatorName: string;
  replacement: string;
  start: { line: number; column: number };
  end: { line: number; column: number };
}

interface ReportedMutant extends Omit<Sampled, 'file'> {
  status: string;
  location: { start: Sampled['start']; end: Sampled['end'] };
}

const target = 80;
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);

const wilson = (hits: number, n: number) => {
  if (n === 0) return { low: 0, high: 100 };
  const z = 1.96;
  const p = hits / n;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
  return { low: 100 * (centre - half), high: 100 * (centre + half) };
};

const keyOf = (file: string, m: Omit<Sampled, 'file'>) =>
  `${file}|${m.mutatorName}|${m.replacement}|${m.start.line}:${m.start.column}-${m.end.line}:${m.end.column}`;

export const scoreSample = (folder: string, population: number, sample: Sampled[], reportPath: string) => {
  const report = JSON.parse(readFileSync(reportPath, 'utf8')) as {
    files: Record<string, { mutants: ReportedMutant[] }>;
  };
  const root = `${process.cwd().replaceAll('\\', '/')}/`;
  const status = new Map<string, string>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const path = file.replaceAll('\\', '/').replace(root, '');
    for (const m of mutants) status.set(keyOf(path, { ...m, ...m.location }), m.status);
  }
  const tally = new Map<string, { hit: number; n: number }>();
  const survivors: string[] = [];
  let missing = 0;
  let ignored = 0;
  for (const m of sample) {
    const found = status.get(keyOf(m.file, m));
    if (found === undefined) missing++;
    if (found === 'Ignored') ignored++;
    if (found === undefined || (!detected.has(found) && !undetected.has(found))) continue;
    const hit = detected.has(found) ? 1 : 0;
    if (!hit)
      survivors.push(`${m.file}:${m.start.line}:${m.start.column} ${m.mutatorName} → ${m.replacement}`);
    const context = m.file
      .split('/')
      .slice(0, folder.split('/').length + 1)
      .join('/');
    for (const key of [folder, context]) {
      const row = tally.get(key) ?? { hit: 0, n: 0 };
      row.hit += hit;
      row.n += 1;
      tally.set(key, row);
    }
  }
  const whole = tally.get(folder) ?? { hit: 0, n: 0 };
  const { low, high } = wilson(whole.hit, whole.n);
  const score = whole.n ? (100 * whole.hit) / whole.n : 0;
  console.log(
    `\n${low >= target ? 'ok   ' : score >= target ? 'ok?  ' : 'BELOW'} ${folder}: ${score.toFixed(1)}% ` +
      `(95% interval ${low.toFixed(1)}–${high.toFixed(1)}%), ${whole.hit} of ${whole.n} sampled mutants detected, ` +
      `${population} in the folder, target ${target}%`,
  );
  if (ignored) console.log(`  ${ignored} sampled mutants were static (ignored): the score is of the others`);
  if (missing) console.log(`  ${missing} sampled mutants were not in the report (not run); left out`);
  for (const key of [...tally.keys()].filter((k) => k !== folder).sort()) {
    const row = tally.get(key)!;
    console.log(
      `  ${((100 * row.hit) / row.n).toFixed(0).padStart(3)}%  ${String(row.hit).padStart(3)}/${row.n}  ${key}`,
    );
  }
  const survivorsPath = reportPath.replace(/\.json$/, '.survivors.txt');
  writeFileSync(survivorsPath, `${survivors.sort().join('\n')}\n`);
  console.log(`  sampled survivors: ${survivorsPath}`);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  for (const slug of ['lambdas-domain', 'lambdas-adapters-dynamodb']) {
    const samplePath = `reports/mutation-sample/${slug}.sample.json`;
    const reportPath = `reports/mutation-sample/${slug}.json`;
    if (!existsSync(samplePath)) continue;
    const { folder, of, sample } = JSON.parse(readFileSync(samplePath, 'utf8'));
    if (!existsSync(reportPath)) {
      console.log(`\n${folder}: a sample was drawn but Stryker did not finish its run (no ${reportPath})`);
      continue;
    }
    scoreSample(folder, of, sample, reportPath);
  }
}
