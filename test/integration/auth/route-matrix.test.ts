import request from 'supertest';
import { SessionService } from '../../../src/auth/session.service';
import { SESSION_COOKIE } from '../../../src/auth/session-cookie';
import { Access, ROUTE_POLICY, routeKey } from '../../../src/auth/route-policy';
import { ApiUser, Role, ROLE_RANK } from '../../../src/users/entities/api-user.entity';
import { declaredRoutes } from '../../../src/common/http/declared-routes';
import { ApiHarness } from '../../support/api-harness';
import { encryptionKeys } from '../../support/auth-kit';
import { UserFactory } from '../../support/factories/user.factory';

// Starting apps (argon2, migrations) can exceed Jest's 5 s default hook timeout on a busy machine.
jest.setTimeout(600_000);

interface AppRoute {
  method: string;
  path: string;
}

/**
 * Every route the running app serves outside plugins (Nest's routes and the documentation pages),
 * as the server declared them, so later routes are covered. Fastify's automatic HEAD twins of GET
 * routes and the CORS preflight are not endpoints.
 */
function appRoutes(api: ApiHarness): AppRoute[] {
  return declaredRoutes(api.app)
    .filter((route) => route.root && route.method !== 'HEAD' && route.method !== 'OPTIONS')
    .map((route) => ({ method: route.method, path: route.url }));
}

/** A concrete URL: parameters get dummy values (unknown ids answer 404, which is fine). */
function concrete(path: string): string {
  return path.replace(/:[A-Za-z_]\w*/g, '999999').replace(/\{\*\w+\}|\*\w*/g, 'x');
}

type Identity =
  | { label: string; kind: 'anonymous' }
  | { label: string; kind: 'session'; role: Role; user: ApiUser }
  | { label: string; kind: 'key'; role: Role; key: string }
  | { label: string; kind: 'revoked_key'; key: string };

/** Public in the policy, but guarded by a credential of their own (not a user's). */
const ROUTES_WITH_OWN_CREDENTIAL = new Set(['POST /webhook/telegram/:botId']);

describe('every route × every identity answers as ROUTE_POLICY says', () => {
  let api: ApiHarness;
  const identities: Identity[] = [{ label: 'anonymous', kind: 'anonymous' }];

  beforeAll(async () => {
    api = await ApiHarness.start('auth_matrix', {
      ENCRYPTION_KEYS: encryptionKeys('k1'),
      LOGIN_RATE_PER_MINUTE: '100000',
    });
    for (const role of [Role.Viewer, Role.Operator, Role.Admin]) {
      const { user, rawKey } = await UserFactory.withApiKey(api.dataSource, role);
      identities.push({ label: `${role} session`, kind: 'session', role, user });
      identities.push({ label: `${role} API key`, kind: 'key', role, key: rawKey });
    }
    const revoked = await UserFactory.withApiKey(api.dataSource, Role.Admin, {
      revokedAt: new Date(),
    });
    identities.push({ label: 'revoked admin key', kind: 'revoked_key', key: revoked.rawKey });
  });
  afterAll(async () => {
    await api.stop();
  });

  it('has a policy entry for every route, and no entry without a route', () => {
    const routes = appRoutes(api);
    expect(routes.length).toBeGreaterThan(10);
    const keys = new Set(routes.map((r) => routeKey(r.method, r.path)));
    expect([...keys].filter((k) => ROUTE_POLICY[k] === undefined)).toEqual([]);
    expect(Object.keys(ROUTE_POLICY).filter((k) => !keys.has(k))).toEqual([]);
  });

  it('answers 401 without valid credentials, 403 below the role, and neither at or above it', async () => {
    const mismatches: string[] = [];
    for (const route of appRoutes(api)) {
      const key = routeKey(route.method, route.path);
      const access: Access | undefined = ROUTE_POLICY[key];
      if (access === undefined) {
        continue; // reported by the test above
      }
      for (const identity of identities) {
        const status = await call(route, identity);
        const expected = expectation(key, access, identity);
        const ok = expected === 'allowed' ? status !== 401 && status !== 403 : status === expected;
        if (!ok || status >= 500) {
          mismatches.push(
            `${route.method} ${route.path} as ${identity.label}: got ${status}, expected ${expected}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  function expectation(key: string, access: Access, identity: Identity): 'allowed' | 401 | 403 {
    // No user credential opens these: they check their own (Telegram's secret-token header).
    if (ROUTES_WITH_OWN_CREDENTIAL.has(key)) {
      return 401;
    }
    if (access === 'public') {
      return 'allowed';
    }
    switch (identity.kind) {
      case 'anonymous':
      case 'revoked_key':
        return 401;
      case 'session':
      case 'key':
        return ROLE_RANK[identity.role] >= ROLE_RANK[access] ? 'allowed' : 403;
    }
  }

  async function call(route: AppRoute, identity: Identity): Promise<number> {
    const url = concrete(route.path);
    const agent = request(api.url);
    const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = agent[method](url).set('Origin', api.url).timeout(15_000);
    switch (identity.kind) {
      case 'anonymous':
        break;
      case 'session': {
        // A fresh session per call: routes like logout or password change end the session.
        const issued = await api.app.get(SessionService).create(identity.user.id, null, null);
        req = req.set('Cookie', `${SESSION_COOKIE}=${issued.secret}`);
        break;
      }
      case 'key':
      case 'revoked_key':
        req = req.set('X-API-Key', identity.key);
        break;
    }
    if (['POST', 'PUT', 'PATCH'].includes(route.method)) {
      req = req.send({});
    }
    return (await req).status;
  }
});
