// lightweight-charts wants seconds, strictly increasing; the API gives milliseconds, oldest
// first, possibly several in one second. The last value within a second wins.
import type { UTCTimestamp } from 'lightweight-charts';

export function to_chart_time(ms: number): UTCTimestamp {
  return Math.floor(ms / 1000) as UTCTimestamp;
}

export function by_second<T extends { time: UTCTimestamp }>(items: readonly T[]): T[] {
  const sorted = [...items].sort((a, b) => a.time - b.time);
  const out: T[] = [];
  for (const item of sorted) {
    const last = out[out.length - 1];
    if (last && last.time === item.time) out[out.length - 1] = item;
    else out.push(item);
  }
  return out;
}
