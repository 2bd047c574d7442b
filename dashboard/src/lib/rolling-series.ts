export interface SeriesPoint {
  t: number;
  v: number;
}

/** Appends a point and keeps only the newest `max` (the live charts' fixed window). */
export function pushPoint(
  series: readonly SeriesPoint[],
  point: SeriesPoint,
  max: number,
): SeriesPoint[] {
  const next = [...series, point];
  return next.length > max ? next.slice(next.length - max) : next;
}

/**
 * Counts events per minute bucket for each key (e.g. sends per chat) over the last `minutes`
 * minutes ending at `now`; every key gets every bucket, zero-filled, oldest first.
 */
export function perMinuteCounts(
  events: readonly { key: string; at: number }[],
  now: number,
  minutes: number,
): { buckets: number[]; counts: Map<string, number[]> } {
  const end = Math.floor(now / 60000) * 60000;
  const buckets = Array.from({ length: minutes }, (_, i) => end - (minutes - 1 - i) * 60000);
  const counts = new Map<string, number[]>();
  for (const event of events) {
    const index = (Math.floor(event.at / 60000) * 60000 - buckets[0]!) / 60000;
    if (index < 0 || index >= minutes) {
      continue;
    }
    let row = counts.get(event.key);
    if (!row) {
      row = new Array<number>(minutes).fill(0);
      counts.set(event.key, row);
    }
    row[index] = (row[index] ?? 0) + 1;
  }
  return { buckets, counts };
}
