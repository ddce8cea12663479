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

describe('normalizeText in detail', () => {
  it('turns both sets of Arabic-Indic digits into ASCII, first and last digit included', () => {
    expect(normalizeText('٠١٩ ۰۱۹')).toBe('019 019');
  });

  it('folds compatibility forms: full-width digits and ligatures', () => {
    expect(normalizeText('１２ ﬁve')).toBe('12 five');
  });

  it('collapses runs of spaces, tabs and no-break spaces into one space', () => {
    expect(normalizeText('Can  we\tview\u00A0 it?')).toBe('Can we view it?');
  });

  it('keeps one blank line at most and turns Windows line ends into line breaks', () => {
    expect(normalizeText('Hi\r\n\r\n\r\n\r\nThanks\r\nBye')).toBe('Hi\n\nThanks\nBye');
    expect(normalizeText('Hi\n\n\n\nThanks')).toBe('Hi\n\nThanks');
    expect(normalizeText('Hi\n\nThanks')).toBe('Hi\n\nThanks');
  });

  it('reads a lone carriage return (an old Mac line end) as a line break, not as nothing', () => {
    expect(normalizeText('Thanks\rBye')).toBe('Thanks\nBye');
    expect(normalizeText('Hi\r\r\r\rThanks')).toBe('Hi\n\nThanks');
  });

  it('trims plain text that needs no other change', () => {
    expect(normalizeText(' price? ')).toBe('price?');
  });

  it('keeps tabs out of plain text and trims canonical text', () => {
    expect(normalizeText(' \tprice?\t ')).toBe('price?');
    expect(normalizeText('  ميزانيتي  ')).toBe('ميزانيتي');
  });
});

describe('truncateText in detail', () => {
  it('leaves a text of exactly the bound as it is, even with a space near its end', () => {
    expect(truncateText('abcdefghi j', 11)).toBe('abcdefghi j');
  });

  it('never leaves half of a character at either end of the high-surrogate range', () => {
    expect(truncateText(`${'a'.repeat(9)}\u{10000}b`, 10)).toBe('a'.repeat(9));
    expect(truncateText(`${'a'.repeat(9)}\u{10FFFD}b`, 10)).toBe('a'.repeat(9));
  });

  it('cuts inside a word when the last space is no later than four fifths of the bound', () => {
    expect(truncateText('abcdefgh jklmn', 10)).toBe('abcdefgh j');
    expect(truncateText('abcdefghi jklmn', 11)).toBe('abcdefghi');
  });

  it('keeps a whole emoji that fits', () => {
    expect(truncateText(`${'a'.repeat(8)}😀bbbb`, 10)).toBe(`${'a'.repeat(8)}😀`);
  });
});
