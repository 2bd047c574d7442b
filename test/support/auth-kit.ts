import { randomBytes } from 'node:crypto';
import request, { Response } from 'supertest';
import { PasswordHasher } from '../../src/auth/password-hasher.service';
import { totpCodeAt } from '../../src/auth/totp.util';
import { ClockService } from '../../src/common/clock/clock.service';
import { SESSION_COOKIE } from '../../src/auth/session-cookie';
import { ApiUser, Role } from '../../src/users/entities/api-user.entity';
import { ApiHarness } from './api-harness';

/** A fresh ENCRYPTION_KEYS value with one or two keys (TOTP secrets need a key). */
export function encryptionKeys(...ids: string[]): string {
  return ids.map((id) => `${id}:${randomBytes(32).toString('base64')}`).join(',');
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** A user with a real argon2id password, written through the app's own hasher. */
export async function createUserWithPassword(
  api: ApiHarness,
  role: Role,
  overrides: Partial<ApiUser> & { password?: string } = {},
): Promise<ApiUser> {
  const { password = TEST_PASSWORD, ...rest } = overrides;
  const repo = api.dataSource.getRepository(ApiUser);
  return repo.save(
    repo.create({
      username: `u_${randomBytes(4).toString('hex')}`,
      passwordHash: await api.app.get(PasswordHasher).hash(password),
      role,
      ...rest,
    }),
  );
}

/** The session cookie ("piyasa.session=<secret>") set by an answer, or null. */
export function sessionCookieOf(res: Response): string | null {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  const cookie = header?.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const pair = cookie?.split(';')[0];
  return pair && pair !== `${SESSION_COOKIE}=` ? pair : null;
}

/** Logs in and returns the cookie pair to send back. */
export async function loginCookie(
  api: ApiHarness,
  username: string,
  password = TEST_PASSWORD,
  totp?: string,
): Promise<string> {
  const res = await request(api.url)
    .post('/auth/login')
    .send({ username, password, ...(totp ? { totp } : {}) });
  const cookie = sessionCookieOf(res);
  if (res.status !== 200 || !cookie) {
    throw new Error(`login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return cookie;
}

/** A TOTP code of a step no earlier code used: moves the app's clock to the next step first. */
export function freshTotpCode(api: ApiHarness, secret: string): string {
  const clock = api.app.get(ClockService);
  clock.advance(30_000 - (clock.nowMs() % 30_000) + 30_000);
  return totpCodeAt(secret, clock.nowMs());
}

/** Enrols and confirms TOTP for the signed-in user of `cookie`; returns the secret. */
export async function enrolMfa(api: ApiHarness, cookie: string): Promise<string> {
  const enrol = await request(api.url)
    .post('/auth/mfa/enroll')
    .set('Cookie', cookie)
    .set('Origin', api.url)
    .expect(201);
  const secret = String((enrol.body as { secret: string }).secret);
  await request(api.url)
    .post('/auth/mfa/confirm')
    .set('Cookie', cookie)
    .set('Origin', api.url)
    .send({ code: freshTotpCode(api, secret) })
    .expect(204);
  return secret;
}
