/** Seeded uniform randomness in [0, 1): the eval is the same run after run for a seed. */
export const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
};

/** Area under the ROC curve, ties counted half. */
export const auc = (predictions: readonly number[], labels: readonly boolean[]): number => {
  const order = predictions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let rankSumPositives = 0;
  let positives = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const averageRank = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) {
      if (labels[order[k]![1]]) {
        rankSumPositives += averageRank;
        positives++;
      }
    }
    start = end + 1;
  }
  const negatives = labels.length - positives;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
};

/** Expected calibration error over deciles of the predicted probability. */
export const calibrationError = (predictions: readonly number[], labels: readonly boolean[]): number => {
  const order = predictions.map((p, i) => [p, i] as const).sort((a, b) => a[0] - b[0]);
  let ece = 0;
  for (let d = 0; d < 10; d++) {
    const slice = order.slice(Math.floor((d * order.length) / 10), Math.floor(((d + 1) * order.length) / 10));
    const predicted = slice.reduce((s, [p]) => s + p, 0) / slice.length;
    const observed = slice.filter(([, i]) => labels[i]).length / slice.length;
    ece += (slice.length / order.length) * Math.abs(predicted - observed);
  }
  return ece;
};
