const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The HTTP methods that only read (RFC 9110 "safe"): no audit row, no CSRF check, no invalidation
 * of shared reads. Case-insensitive (Node gives the method upper-case; other callers may not).
 */
export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}
