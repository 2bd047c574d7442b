import { isSafeMethod } from '../common/http/safe-method';

/** What the CSRF check needs to know about a request. */
export interface CsrfRequestFacts {
  method: string;
  origin: string | undefined;
  secFetchSite: string | undefined;
  /** The API's own origin as the browser sees it, e.g. "https://piyasa.example.com". */
  ownOrigin: string;
  allowedOrigins: readonly string[];
}

/**
 * Origin-based CSRF defence for cookie-authenticated requests (OWASP "verifying origin with
 * standard headers"). Browsers send Origin on every state-changing request, cross-site or not,
 * so a state-changing request must come from the API's own origin or an allowed one. When Origin
 * is missing, Fetch Metadata decides; a request with neither header is refused: browsers always
 * send one, and non-browser clients should use API keys.
 */
export function isCsrfSafe(facts: CsrfRequestFacts): boolean {
  if (isSafeMethod(facts.method)) {
    return true;
  }
  if (facts.origin !== undefined) {
    if (facts.origin === 'null') {
      return false;
    }
    const origin = facts.origin.replace(/\/+$/, '').toLowerCase();
    return (
      origin === facts.ownOrigin.toLowerCase() ||
      facts.allowedOrigins.some((allowed) => allowed.replace(/\/+$/, '').toLowerCase() === origin)
    );
  }
  return facts.secFetchSite === 'same-origin' || facts.secFetchSite === 'none';
}
