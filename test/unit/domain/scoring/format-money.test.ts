import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../../../lambdas/domain/scoring/format-money';

describe('formatMoney', () => {
  it.each([
    [450_000, 'USD', '$450k'],
    [1_250_000, 'EUR', '€1.25M'],
    [999, 'GBP', '£999'],
    [2_500_000, 'AED', 'AED 2.5M'],
    [1_500_000_000, 'SAR', 'SAR 1.5B'],
  ])('writes %d %s as "%s"', (value, currency, expected) => {
    expect(formatMoney(value, currency)).toBe(expected);
  });

  it('writes a bare amount when the currency is not known', () => {
    expect(formatMoney(450_000)).toBe('450k');
    expect(formatMoney(450_000, '')).toBe('450k');
  });

  it('switches unit exactly at a thousand, a million and a billion', () => {
    expect(formatMoney(999.4)).toBe('999');
    expect(formatMoney(1_000)).toBe('1k');
    expect(formatMoney(999_499)).toBe('999k');
    expect(formatMoney(1_000_000)).toBe('1M');
    expect(formatMoney(999_990_000)).toBe('999.99M');
    expect(formatMoney(1_000_000_000)).toBe('1B');
    expect(formatMoney(2_345_678_901)).toBe('2.35B');
  });

  it('keeps two decimals of millions and rounds thousands to whole ones', () => {
    expect(formatMoney(1_234_567)).toBe('1.23M');
    expect(formatMoney(1_235_678)).toBe('1.24M');
    expect(formatMoney(12_500)).toBe('13k');
    expect(formatMoney(12_499)).toBe('12k');
  });
});
