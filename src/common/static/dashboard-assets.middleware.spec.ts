import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { dashboardAssets } from './dashboard-assets.middleware';

describe('dashboardAssets', () => {
  let dir: string;
  let app: express.Express;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'dashboard-dist-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>piyasa</title>');
    writeFileSync(join(dir, 'assets', 'index-3f2a.js'), 'console.log(1)');
    app = express();
    app.use(dashboardAssets(dir));
    // What the API's routes would answer: anything the middleware passes on.
    app.use((req, res) => res.status(418).json({ passed_on: req.path }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serves index.html at / and the built assets with a cache lifetime', async () => {
    const index = await request(app).get('/').expect(200);
    expect(index.text).toContain('<title>piyasa</title>');
    const script = await request(app).get('/assets/index-3f2a.js').expect(200);
    expect(script.text).toBe('console.log(1)');
    expect(script.headers['cache-control']).toBe('public, max-age=3600');
    await request(app).head('/assets/index-3f2a.js').expect(200);
  });

  it('passes every other path and method on to the API', async () => {
    for (const path of ['/bots', '/assets/missing.js', '/assets', '/assets/../index.html']) {
      const res = await request(app).get(path).expect(418);
      expect(res.body).toEqual({ passed_on: expect.any(String) });
    }
    await request(app).post('/index.html').expect(418);
  });
});
