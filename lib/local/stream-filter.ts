type Pattern = { readonly [key: string]: unknown };

/** One rule of a pattern's value list: a literal, `{ exists }`, `{ prefix }` or `{ 'anything-but': [...] }`. */
const matchesRule = (rule: unknown, value: unknown): boolean => {
  if (rule !== null && typeof rule === 'object') {
    const operator = rule as Record<string, unknown>;
    if ('exists' in operator) return operator.exists === (value !== undefined);
    if ('prefix' in operator) return typeof value === 'string' && value.startsWith(String(operator.prefix));
    if ('anything-but' in operator) {
      const excluded = operator['anything-but'];
      return value !== undefined && !(Array.isArray(excluded) ? excluded : [excluded]).includes(value);
    }
    throw new Error(`Unsupported filter rule ${JSON.stringify(rule)}`);
  }
  return value === rule;
};

/**
 * Whether a record matches an event filter pattern, as Lambda's event source filtering decides it:
 * every key of the pattern must match, a list means "any of these", an object descends. Covers the
 * subset of the syntax the stack's patterns use; anything else fails loudly rather than passing.
 */
export const matchesPattern = (pattern: Pattern, record: unknown): boolean =>
  Object.entries(pattern).every(([key, rule]) => {
    const value =
      record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
    if (Array.isArray(rule)) return rule.some((each) => matchesRule(each, value));
    if (rule !== null && typeof rule === 'object') return matchesPattern(rule as Pattern, value);
    throw new Error(`Unsupported filter pattern at ${key}`);
  });

/** Lambda passes a record when any of the mapping's filters matches it. */
export const passesFilters = (filters: readonly Pattern[], record: unknown): boolean =>
  filters.some((pattern) => matchesPattern(pattern, record));
