import request from 'supertest';
import { ROUTE_POLICY } from '../../../src/auth/route-policy';
import { routerPath } from '../../../src/common/openapi/route-roles.openapi';
import { declaredRoutes } from '../../../src/common/http/declared-routes';
import { ApiHarness } from '../../support/api-harness';

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
}

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  'x-required-role'?: string;
}

/**
 * Why a schema would reach the dashboard's generated types as `unknown`/`object`, or null when it
 * says what the value is.
 */
function untyped(schema: Schema | undefined): string | null {
  if (!schema) {
    return 'no schema';
  }
  if (schema.$ref || schema.enum || schema.allOf || schema.oneOf) {
    return null;
  }
  switch (schema.type) {
    case 'array':
      return untyped(schema.items) === null ? null : 'a list of untyped items';
    case 'object':
      return schema.properties || schema.additionalProperties
        ? null
        : 'an object without properties';
    case undefined:
      return 'no type';
    default:
      return null;
  }
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

describe('OpenAPI document', () => {
  let api: ApiHarness;
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, Operation>>;
    components: { schemas: Record<string, unknown> };
  };

  beforeAll(async () => {
    api = await ApiHarness.start('openapi');
    doc = (await request(api.url).get('/docs-json').expect(200)).body as typeof doc;
  });
  afterAll(async () => {
    await api.stop();
  });

  function operations(): [string, Operation][] {
    return Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map(
        (m) => [`${m.toUpperCase()} ${routerPath(path)}`, item[m]] as [string, Operation],
      ),
    );
  }

  /**
   * Every route the app really serves outside plugins. Excluded: the documentation UI and JSON,
   * Fastify's automatic HEAD twins and the CORS preflight.
   */
  function servedRoutes(): string[] {
    return declaredRoutes(api.app)
      .filter((route) => route.root && METHODS.includes(route.method.toLowerCase()))
      .map((route) => `${route.method} ${route.url}`)
      .filter((key) => !/ \/docs/.test(key))
      .sort();
  }

  it('is OpenAPI 3 with unique operation ids, summaries and responses everywhere', () => {
    expect(doc.openapi).toMatch(/^3\./);
    const ids = new Set<string>();
    for (const [key, op] of operations()) {
      expect([key, typeof op.operationId]).toEqual([key, 'string']);
      expect(ids.has(op.operationId!)).toBe(false);
      ids.add(op.operationId!);
      expect([key, Boolean(op.summary)]).toEqual([key, true]);
      expect([key, Object.keys(op.responses ?? {}).length > 0]).toEqual([key, true]);
    }
  });

  it('resolves every schema reference', () => {
    const refs = JSON.stringify(doc.paths).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    const schemaRefs =
      JSON.stringify(doc.components.schemas).match(/"#\/components\/schemas\/[^"]+"/g) ?? [];
    for (const ref of [...refs, ...schemaRefs]) {
      const name = ref.slice('"#/components/schemas/'.length, -1);
      expect([name, name in doc.components.schemas]).toEqual([name, true]);
    }
  });

  it('documents every served route, each with the role ROUTE_POLICY enforces', () => {
    const documented = operations()
      .map(([key]) => key)
      .sort();
    expect(documented).toEqual(servedRoutes());
    for (const [key, op] of operations()) {
      expect([key, op['x-required-role']]).toEqual([key, ROUTE_POLICY[key]]);
      const line =
        ROUTE_POLICY[key] === 'public'
          ? 'Requires: no authentication.'
          : `Requires: ${ROUTE_POLICY[key]} role or higher.`;
      expect([key, op.description?.includes(line)]).toEqual([key, true]);
    }
  });

  it('describes every JSON success answer and every schema property with a type', () => {
    const problems: string[] = [];
    for (const [key, op] of operations()) {
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (!status.startsWith('2') || status === '204') {
          continue;
        }
        const json = response.content?.['application/json'];
        const others = Object.keys(response.content ?? {}).filter((t) => t !== 'application/json');
        if (!json && others.length === 0) {
          problems.push(`${key} ${status}: no content described`);
        }
        const why = json ? untyped(json.schema) : null;
        if (why) {
          problems.push(`${key} ${status}: ${why}`);
        }
      }
    }
    for (const [name, schema] of Object.entries(doc.components.schemas as Record<string, Schema>)) {
      for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
        const why = untyped(propSchema);
        if (why) {
          problems.push(`${name}.${prop}: ${why}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('documents 401 and 403 with the error shape on every protected route', () => {
    for (const [key, op] of operations()) {
      if (ROUTE_POLICY[key] === 'public') {
        continue;
      }
      for (const status of ['401', '403']) {
        // Routes that produce files list their error schema under the file's media type too.
        const refs = Object.values(op.responses?.[status]?.content ?? {}).map(
          (c) => c.schema?.$ref,
        );
        expect([key, status, refs.length > 0, new Set(refs)]).toEqual([
          key,
          status,
          true,
          new Set(['#/components/schemas/ErrorBody']),
        ]);
      }
    }
  });
});
