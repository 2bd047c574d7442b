import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { FastifyInstance } from 'fastify';
import { serveDashboard } from './dashboard-assets';

describe('serveDashboard', () => {
  let dir: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>piyasa</title>');
    writeFileSync(join(dir, 'assets', 'index-3f2a.js'), 'console.log(1)');
    app = Fastify();
    await serveDashboard(app, dir);
    // What the API's routes would answer: anything the dashboard does not serve.
    app.setNotFoundHandler((request, reply) => {
      void reply.status(418).send({ passed_on: request.url });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and the built assets with a cache lifetime', async () => {
    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>piyasa</title>');
    const script = await app.inject({ method: 'GET', url: '/assets/index-3f2a.js' });
    expect(script.statusCode).toBe(200);
    expect(script.body).toBe('console.log(1)');
    expect(script.headers['cache-control']).toBe('public, max-age=3600');
    expect((await app.inject({ method: 'HEAD', url: '/assets/index-3f2a.js' })).statusCode).toBe(
      200,
    );
  });

  it('passes every other path and method on to the API', async () => {
    for (const url of ['/bots', '/assets/missing.js', '/assets', '/assets/']) {
      const res = await app.inject({ method: 'GET', url });
      expect([url, res.statusCode]).toEqual([url, 418]);
      expect(res.json()).toEqual({ passed_on: expect.any(String) });
    }
    expect((await app.inject({ method: 'POST', url: '/index.html' })).statusCode).toBe(418);
  });
});
