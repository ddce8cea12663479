import { computeScore } from '../lambdas/domain/scoring/compute-score';
import type { LeadEvidence } from '../lambdas/domain/scoring/scoring-model';

// The alternative the eval measures against the shipped model: smoothed per-value log-odds in the
// manner of Odoo's predictive lead scoring (each signal's own conversion rate, naive-Bayes summed),
// added to the prior's log-odds and trusted by each signal's count n as n / (n + K).

const K = 20;
const PSEUDO = 1;

interface Tally {
  converted: number;
  lost: number;
}
interface State {
  all: Tally;
  signals: Map<string, Tally>;
}

const logOdds = (t: Tally, rate: number) =>
  Math.log((t.converted + PSEUDO * rate) / (t.lost + PSEUDO * (1 - rate)));
const logit = (p: number) => Math.log(p / (1 - p));

export const perValueLogOdds = {
  name: 'per-value log-odds (Odoo-style)',
  start: (): State => ({ all: { converted: 0, lost: 0 }, signals: new Map() }),
  learn: (state: unknown, s: LeadEvidence & { converted: boolean }): State => {
    const { all, signals } = state as State;
    const key = s.converted ? 'converted' : 'lost';
    const next: State = { all: { ...all, [key]: all[key] + 1 }, signals: new Map(signals) };
    for (const signal of s.signals) {
      const t = signals.get(signal) ?? { converted: 0, lost: 0 };
      next.signals.set(signal, { ...t, [key]: t[key] + 1 });
    }
    return next;
  },
  predict: (state: unknown, s: LeadEvidence): number => {
    const { all, signals } = state as State;
    const prior = computeScore(s).probability;
    const n = all.converted + all.lost;
    if (n === 0) return prior;
    const rate = (all.converted + 0.2) / (n + 1);
    let x = logit(prior) + (n / (n + K)) * (logit(rate) - logit(0.2));
    for (const signal of s.signals) {
      const t = signals.get(signal);
      if (!t) continue;
      const seen = t.converted + t.lost;
      x += (seen / (seen + K)) * (logOdds(t, rate) - logit(rate));
    }
    return 1 / (1 + Math.exp(-x));
  },
};

// The reference the online update approximates: the exact MAP of the same Bayesian logistic
// regression (same Gaussian prior) refitted on every outcome so far. Not storable in a fixed-size
// document; it shows what the one-pass diagonal update gives away.
const FACTOR_KEYS = ['content', 'engagement', 'timing', 'source', 'profile'] as const;
const PRIOR_WEIGHTS = { content: 0.3, engagement: 0.25, timing: 0.15, source: 0.2, profile: 0.1 };

interface Batch {
  samples: (LeadEvidence & { converted: boolean })[];
  fitted?: Map<string, number>;
}

const featuresOf = (s: LeadEvidence): [string, number][] => [
  ['bias', 1],
  ...FACTOR_KEYS.map((f) => [`f:${f}`, 5 * PRIOR_WEIGHTS[f] * s.values[f]] as [string, number]),
  ...s.signals.map((k) => [k, 1] as [string, number]),
];

export const exactMap = (signalVariance: number, scaleVariance: number, biasVariance: number) => {
  const priorMean = (k: string) => (k === 'bias' ? Math.log(0.25) - 2.5 : k.startsWith('f:') ? 1 : 0);
  const priorVar = (k: string) =>
    k === 'bias' ? biasVariance : k.startsWith('f:') ? scaleVariance : signalVariance;
  const fitMap = (samples: Batch['samples']) => {
    const w = new Map<string, number>();
    const rows = samples.map((s) => ({ x: featuresOf(s), y: s.converted ? 1 : 0 }));
    for (const r of rows) for (const [k] of r.x) if (!w.has(k)) w.set(k, priorMean(k));
    for (let iter = 0; iter < 150; iter++) {
      const grad = new Map<string, number>();
      const hess = new Map<string, number>();
      for (const [k, v] of w) {
        grad.set(k, (v - priorMean(k)) / priorVar(k));
        hess.set(k, 1 / priorVar(k));
      }
      for (const { x, y } of rows) {
        let z = 0;
        for (const [k, v] of x) z += w.get(k)! * v;
        const p = 1 / (1 + Math.exp(-z));
        for (const [k, v] of x) {
          grad.set(k, grad.get(k)! + (p - y) * v);
          hess.set(k, hess.get(k)! + 0.25 * v * v * x.length);
        }
      }
      for (const [k, v] of w) w.set(k, v - grad.get(k)! / hess.get(k)!);
    }
    return w;
  };
  return {
    name: 'exact MAP refit (reference, not storable)',
    start: (): Batch => ({ samples: [] }),
    learn: (state: unknown, s: LeadEvidence & { converted: boolean }): Batch => ({
      samples: [...(state as Batch).samples, s],
    }),
    predict: (state: unknown, s: LeadEvidence): number => {
      const batch = state as Batch;
      if (batch.samples.length === 0) return computeScore(s).probability;
      if (!batch.fitted) batch.fitted = fitMap(batch.samples);
      let z = 0;
      for (const [k, v] of featuresOf(s)) z += (batch.fitted.get(k) ?? priorMean(k)) * v;
      return 1 / (1 + Math.exp(-z));
    },
  };
};
