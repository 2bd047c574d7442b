import { CookieSerializeOptions } from '@fastify/cookie';

export const SESSION_COOKIE = 'piyasa.session';

/** Header carrying the session's current expiry (ISO 8601) on session-authenticated answers. */
export const SESSION_EXPIRES_HEADER = 'X-Session-Expires';

/** HttpOnly (no script access), SameSite=Lax (no cross-site POSTs), Secure when configured. */
export function sessionCookieOptions(secure: boolean, expires?: Date): CookieSerializeOptions {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', ...(expires ? { expires } : {}) };
}
