/** JSON with object keys sorted: jsonb reorders keys, so comparisons must not depend on order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Equality at `real` (float4) precision, which is how confidence and relevance are stored. */
export function sameReal(a: number | null | undefined, b: number | null | undefined): boolean {
  return (
    a === b || (typeof a === 'number' && typeof b === 'number' && Math.fround(a) === Math.fround(b))
  );
}
