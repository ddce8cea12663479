const SYMBOLS: Record<string, string> = { USD: '$', EUR: '€', GBP: '£' };

const compact = (value: number): string => {
  if (value >= 1e9) return `${Math.round(value / 1e7) / 100}B`;
  if (value >= 1e6) return `${Math.round(value / 1e4) / 100}M`;
  if (value >= 1e3) return `${Math.round(value / 1e3)}k`;
  return String(Math.round(value));
};

/** "$450k", "AED 2.5M", "450k": short enough for a one-line reason. */
export const formatMoney = (value: number, currency?: string): string => {
  if (!currency) return compact(value);
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${compact(value)}` : `${currency} ${compact(value)}`;
};
