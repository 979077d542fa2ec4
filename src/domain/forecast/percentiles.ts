/**
 * Percentiles of simulated values: linear interpolation between order statistics (the
 * "type 7" definition of R and NumPy), NaN values (a month with no hours has no hourly
 * rate) left out. Found by selection (quickselect), not by sorting: O(n) per band.
 */

/** P10, P50 and P90 of a set of runs. */
export interface Band {
  p10: number;
  p50: number;
  p90: number;
}

/** Moves the k-th smallest of values[0 … n) to index k, smaller ones before it, larger after. */
function select(values: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  while (hi > lo) {
    const pivot = values[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const x = values[i]!;
        values[i] = values[j]!;
        values[j] = x;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}

/**
 * The `q` quantile (0 ≤ q ≤ 1) of the first `n` values, which it reorders.
 * @example quantile(Float64Array.of(4, 1, 3, 2), 4, 0.5) // 2.5
 */
export function quantile(values: Float64Array, n: number, q: number): number {
  if (n === 0) return Number.NaN;
  const at = (n - 1) * q;
  const k = Math.floor(at);
  select(values, n, k);
  const low = values[k]!;
  if (k + 1 >= n || at === k) return low;
  let next = Number.POSITIVE_INFINITY;
  for (let i = k + 1; i < n; i++) if (values[i]! < next) next = values[i]!;
  return low + (next - low) * (at - k);
}

/**
 * P10, P50 and P90 of `values` (reordered in place), or null when every value is NaN.
 * @example band(Float64Array.of(5, 1, 3)) // { p10: 1.4, p50: 3, p90: 4.6 }
 */
export function band(values: Float64Array): Band | null {
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const x = values[i]!;
    if (!Number.isNaN(x)) values[n++] = x;
  }
  if (n === 0) return null;
  return {
    p10: quantile(values, n, 0.1),
    p50: quantile(values, n, 0.5),
    p90: quantile(values, n, 0.9),
  };
}
