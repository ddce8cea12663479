import { readFileSync } from 'node:fs';

/**
 * Prints the mutation score per folder from Stryker's JSON report, against the 80% target:
 * one line per context under lambdas/domain/ and per adapter folder, then a total per top-level folder.
 */
const reportPath = process.argv[2] ?? 'reports/mutation/mutation.json';
const target = 80;

type Mutant = { status: string };
type Report = { files: Record<string, { mutants: Mutant[] }> };

const report = JSON.parse(readFileSync(reportPath, 'utf8')) as Report;
const detected = new Set(['Killed', 'Timeout']);
const undetected = new Set(['Survived', 'NoCoverage']);

const tally = new Map<string, { detected: number; undetected: number }>();
const count = (folder: string, mutants: Mutant[]) => {
  const row = tally.get(folder) ?? { detected: 0, undetected: 0 };
  for (const { status } of mutants) {
    if (detected.has(status)) row.detected++;
    else if (undetected.has(status)) row.undetected++;
  }
  tally.set(folder, row);
};

const root = process.cwd().replaceAll('\\', '/');
for (const [file, { mutants }] of Object.entries(report.files)) {
  const path = file.replaceAll('\\', '/').replace(`${root}/`, '');
  const parts = path.split('/');
  // lambdas/domain/consent, lambdas/adapters/dynamodb, lambdas/shared: the folder a context lives in.
  const depth = parts[1] === 'domain' && parts.length > 3 ? 3 : parts[1] === 'adapters' ? 3 : 2;
  count(parts.slice(0, depth).join('/'), mutants);
  if (depth === 3) count(parts.slice(0, 2).join('/'), mutants);
}

const score = ({ detected, undetected }: { detected: number; undetected: number }) =>
  detected + undetected === 0 ? 100 : (100 * detected) / (detected + undetected);

console.log(`\nMutation score per folder (target ${target}%)`);
for (const folder of [...tally.keys()].sort()) {
  const row = tally.get(folder)!;
  const value = score(row);
  const mark = value >= target ? 'ok   ' : 'BELOW';
  console.log(
    `${mark} ${value.toFixed(1).padStart(5)}%  ${String(row.detected).padStart(4)}/${row.detected + row.undetected}  ${folder}`,
  );
}
