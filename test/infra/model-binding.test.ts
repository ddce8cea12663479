import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../../lib/constructs/app-function';
import { inboundEmailFunction } from '../../schemas/email';
import { followUpReactions } from '../../schemas/follow-up-reactions';
import type { RouteAccess } from '../../schemas/routes';
import { routes } from '../../schemas/routes';
import { scheduledJobs } from '../../schemas/scheduled-jobs';
import { followUpTaskList } from '../../schemas/workflow';

/** The module a function needs Bedrock for: whatever imports the runtime client as a value, not a type. */
const modelClient = '@aws-sdk/client-bedrock-runtime';

/** `from '…'`, `import '…'` and `import('…')`, skipping `import type` (erased, bundles nothing). */
const importsOf = (source: string): string[] =>
  [
    ...source.matchAll(/^\s*(?:import(?!\s+type\b)|export)\b[^'"]*?from\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm),
    ...source.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
  ].map((match) => match[1] as string);

const resolveRelative = (from: string, specifier: string): string => {
  const base = path.resolve(path.dirname(from), specifier);
  return base.endsWith('.ts') ? base : `${base}.ts`;
};

/** The chain of modules from `entry` to one that imports the model client, or undefined when none does. */
const pathToModel = (entry: string): string[] | undefined => {
  const start = path.join(repositoryRoot, entry);
  const via = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
      if (specifier === modelClient) {
        const chain = [file];
        for (let at = via.get(file); at; at = via.get(at)) chain.unshift(at);
        return chain.map((module) => path.relative(repositoryRoot, module));
      }
      if (!specifier.startsWith('.')) continue;
      const next = resolveRelative(file, specifier);
      if (!via.has(next)) {
        via.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
};

const functions: Array<{ id: string; handler: string; access: RouteAccess }> = [
  ...routes,
  ...scheduledJobs,
  ...followUpTaskList,
  followUpReactions,
  inboundEmailFunction,
];

describe('the Bedrock binding follows the code: a function gets the model exactly when its handler calls one', () => {
  it.each(functions)(
    '$id declares bedrock access if and only if its handler reaches the model client',
    (fn) => {
      const chain = pathToModel(fn.handler);

      // Without the binding the function has no model id and no grant: it would score by the rules in the
      // cloud while the laptop, given a model id, scored with the model.
      expect({
        id: fn.id,
        reachesModel: chain ?? false,
        declaresBedrock: fn.access.bedrock === true,
      }).toEqual({
        id: fn.id,
        reachesModel: fn.access.bedrock === true ? expect.any(Array) : false,
        declaresBedrock: chain !== undefined,
      });
    },
  );

  it('counts the routes that create or change a lead among those that score with the model', () => {
    const scoring = routes.filter((route) => pathToModel(route.handler)).map((route) => route.id);

    expect(scoring).toEqual(expect.arrayContaining(['createLead', 'updateLead', 'scoreLead', 'getInsights']));
  });
});
