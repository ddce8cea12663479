import { describe, expect, it } from 'vitest';
import { normalizeText, truncateText } from '../../../../lambdas/domain/scoring/normalize-text';

describe('normalizeText', () => {
  it('turns Arabic-Indic digits into ASCII and drops tatweel and harakat', () => {
    expect(normalizeText('ميزانيـــتي ٢٥٠٠٠٠ دِرْهَم')).toBe('ميزانيتي 250000 درهم');
  });

  it('removes invisible and bidi control characters but keeps line breaks', () => {
    expect(normalizeText('Hi\u200B there\u202E\nsecond   line\u0007')).toBe('Hi there\nsecond line');
  });

  it('leaves plain text as it is, trimmed', () => {
    expect(normalizeText('  Can we view it?  ')).toBe('Can we view it?');
  });
});

describe('truncateText', () => {
  it('cuts at a word boundary', () => {
    expect(truncateText('one two three four five six', 14)).toBe('one two three');
  });

  it('never leaves half of an emoji', () => {
    const cut = truncateText(`${'a'.repeat(9)}😀bbbb`, 10);

    expect(cut).toBe('a'.repeat(9));
  });
});
