import { OpenAPIObject } from '@nestjs/swagger';
import { annotateRequiredRoles, routerPath } from './route-roles.openapi';

describe('annotateRequiredRoles', () => {
  const doc = (): OpenAPIObject => ({
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: {
      '/settings/{key}': { patch: { responses: {}, description: 'Change one.' } },
      '/healthz': { get: { responses: {} } },
      '/secret': { get: { responses: {} } },
    },
  });

  it('maps OpenAPI path parameters to Express ones', () => {
    expect(routerPath('/bots/{id}/stances/{stanceId}')).toBe('/bots/:id/stances/:stanceId');
  });

  it('writes role, description line and security from the policy, and reports gaps', () => {
    const d = doc();
    const missing = annotateRequiredRoles(d, {
      'PATCH /settings/:key': 'admin',
      'GET /healthz': 'public',
    } as never);
    expect(missing).toEqual(['GET /secret']);
    expect(d.paths['/settings/{key}'].patch).toMatchObject({
      'x-required-role': 'admin',
      description: 'Change one.\n\nRequires: admin role or higher.',
      security: [{ 'api-key': [] }, { cookie: [] }],
    });
    expect(d.paths['/healthz'].get).toMatchObject({
      'x-required-role': 'public',
      description: 'Requires: no authentication.',
      security: [],
    });
  });
});
