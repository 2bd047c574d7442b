import { randomBytes } from 'node:crypto';
import { ApiHarness } from './api-harness';
import { UserFactory } from './factories/user.factory';
import { Role } from '../../src/users/entities/api-user.entity';

/** Environment for API tests that store bot tokens: a throwaway encryption key. */
export const ENCRYPTION_ENV = { ENCRYPTION_KEYS: `test1:${randomBytes(32).toString('base64')}` };

/** A BotFather-shaped token unique to this test run. */
export function fakeToken(): string {
  const digits = String(100_000_000 + Math.floor(Math.random() * 800_000_000));
  return `${digits}:AA${randomBytes(24).toString('base64url').slice(0, 33)}`;
}

export interface RoleKeys {
  viewer: string;
  operator: string;
  admin: string;
}

/** One API key per role on the harness' database. */
export async function roleKeys(api: ApiHarness): Promise<RoleKeys> {
  const [viewer, operator, admin] = await Promise.all([
    UserFactory.withApiKey(api.dataSource, Role.Viewer),
    UserFactory.withApiKey(api.dataSource, Role.Operator),
    UserFactory.withApiKey(api.dataSource, Role.Admin),
  ]);
  return { viewer: viewer.rawKey, operator: operator.rawKey, admin: admin.rawKey };
}

/** The one error shape, with an optional field that must be named. */
export function expectErrorShape(raw: unknown, status: number, field?: string): void {
  const body = raw as Record<string, unknown>;
  expect(body.status).toBe(status);
  expect(typeof body.error).toBe('string');
  expect(typeof body.message).toBe('string');
  if (field !== undefined) {
    const fields = (body.fields ?? []) as { field: string }[];
    expect(fields.map((f) => f.field)).toContain(field);
  }
}
