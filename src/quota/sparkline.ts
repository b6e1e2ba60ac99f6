const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/** Shown for a week with no data (before history starts). */
export const NO_DATA = '·';

/**
 * `▁▃█▅` for a series of counts, scaled to its maximum. Zero is always the lowest bar and any use at least the
 * second, so a quiet week and a busy one never look alike; null (no data) is a dot.
 */
export function sparkline(values: readonly (number | null)[]): string {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v) && v > 0);
  const max = known.length === 0 ? 0 : Math.max(...known);
  return values
    .map((value) => {
      if (value === null || !Number.isFinite(value)) return NO_DATA;
      if (value <= 0 || max === 0) return BARS[0];
      return BARS[1 + Math.round((value / max) * (BARS.length - 2))];
    })
    .join('');
}
