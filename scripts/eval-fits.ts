// Where the information goes: a batch logistic fit (Newton steps on the MAP of a zero-centred
// Gaussian prior) on any named features, so the eval can compare a fit on the generator's own
// traits with a fit on what the analyzers read from the same leads.

export type Features = readonly (readonly [string, number])[];
export interface Row {
  x: Features;
  y: boolean;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** Solves A·s = b in place by Gaussian elimination with partial pivoting. */
const solve = (a: Float64Array[], b: Float64Array): Float64Array => {
  const d = b.length;
  for (let c = 0; c < d; c++) {
    let pivot = c;
    for (let r = c + 1; r < d; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[pivot]![c]!)) pivot = r;
    [a[c], a[pivot]] = [a[pivot]!, a[c]!];
    [b[c], b[pivot]] = [b[pivot]!, b[c]!];
    for (let r = c + 1; r < d; r++) {
      const f = a[r]![c]! / a[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k < d; k++) a[r]![k]! -= f * a[c]![k]!;
      b[r]! -= f * b[c]!;
    }
  }
  const s = new Float64Array(d);
  for (let r = d - 1; r >= 0; r--) {
    let sum = b[r]!;
    for (let k = r + 1; k < d; k++) sum -= a[r]![k]! * s[k]!;
    s[r] = sum / a[r]![r]!;
  }
  return s;
};

/** Fits log-odds = bias + Σ w·x with each w ~ N(0, variance) and a flat bias; returns the predictor. */
export const fitLogistic = (rows: readonly Row[], variance: number) => {
  const index = new Map<string, number>();
  for (const row of rows) for (const [k] of row.x) if (!index.has(k)) index.set(k, index.size + 1);
  const d = index.size + 1;
  const data = rows.map((row) => ({
    j: [0, ...row.x.map(([k]) => index.get(k)!)],
    v: [1, ...row.x.map(([, v]) => v)],
    y: row.y ? 1 : 0,
  }));
  const w = new Float64Array(d);
  for (let iter = 0; iter < 20; iter++) {
    const g = new Float64Array(d);
    const h = Array.from({ length: d }, () => new Float64Array(d));
    h[0]![0] = 1e-6;
    for (let j = 1; j < d; j++) {
      g[j] = w[j]! / variance;
      h[j]![j] = 1 / variance;
    }
    for (const { j, v, y } of data) {
      let z = 0;
      for (let a = 0; a < j.length; a++) z += w[j[a]!]! * v[a]!;
      const p = sigmoid(z);
      for (let a = 0; a < j.length; a++) {
        g[j[a]!]! += (p - y) * v[a]!;
        for (let b = 0; b < j.length; b++) h[j[a]!]![j[b]!]! += p * (1 - p) * v[a]! * v[b]!;
      }
    }
    const step = solve(h, g);
    for (let j = 0; j < d; j++) w[j]! -= step[j]!;
  }
  return (x: Features): number => {
    let z = w[0]!;
    for (const [k, v] of x) {
      const j = index.get(k);
      if (j !== undefined) z += w[j]! * v;
    }
    return sigmoid(z);
  };
};
