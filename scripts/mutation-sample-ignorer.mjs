// A Stryker ignorer for sampled runs (scripts/mutation.ts): a node that holds no sampled mutant is ignored,
// so the mutants nested inside a sampled one are not tested. It reads the sample named by
// MUTATION_SAMPLE (a JSON file of { file, start, end }, lines 1-based, columns 1-based).
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { declareValuePlugin, PluginKind } from '@stryker-mutator/api/plugin';

const sample = process.env.MUTATION_SAMPLE
  ? JSON.parse(readFileSync(process.env.MUTATION_SAMPLE, 'utf8')).sample
  : [];
const byFile = new Map();
for (const { file, start } of sample) {
  const starts = byFile.get(file) ?? [];
  starts.push({ line: start.line, column: start.column - 1 });
  byFile.set(file, starts);
}

const before = (a, b) => a.line < b.line || (a.line === b.line && a.column <= b.column);

export const strykerPlugins = [
  declareValuePlugin(PluginKind.Ignore, 'sampled-only', {
    shouldIgnore(path) {
      const loc = path.node.loc;
      const fileName = path.hub?.file?.opts?.filename;
      if (!loc || !fileName) return undefined;
      const starts = byFile.get(relative(process.cwd(), fileName).replaceAll('\\', '/')) ?? [];
      const holdsSampled = starts.some((start) => before(loc.start, start) && before(start, loc.end));
      return holdsSampled ? undefined : 'not in the sample';
    },
  }),
];
