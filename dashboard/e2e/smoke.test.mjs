// Browser smoke test: the BUILT dashboard in Debian's Chromium (playwright-core, no browser
// download) against the mock API — login → overview, live indicator, TR → EN → TR.
// Set DASHBOARD_URL (+ E2E_USERNAME / E2E_PASSWORD) to run it against a real API instead.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { PASSWORD, startMockApi, USER } from './mock-api-server.mjs';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = new URL('../artifacts/', import.meta.url).pathname;
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

let api;
let context;
let profileDir;
let baseUrl;
const username = process.env.E2E_USERNAME ?? USER.username;
const password = process.env.E2E_PASSWORD ?? PASSWORD;

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `Chromium not found at ${CHROMIUM} (apt-get install -y chromium)`,
  );
  mkdirSync(ARTIFACTS, { recursive: true });
  if (process.env.DASHBOARD_URL) {
    baseUrl = process.env.DASHBOARD_URL;
  } else {
    api = await startMockApi();
    baseUrl = api.url;
  }
  profileDir = mkdtempSync(join(tmpdir(), 'piyasa-e2e-'));
  // A persistent context on a fresh temporary profile = Chromium's --user-data-dir, owned by us.
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 860 },
    locale: 'tr-TR',
  });
});

after(async () => {
  await context?.close();
  await api?.close();
  if (profileDir) {
    rmSync(profileDir, { recursive: true, force: true });
  }
});

test('login → overview renders, live, TR → EN → TR', async () => {
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('pageerror', (error) => consoleErrors.push(String(error)));

  await page.goto(baseUrl);
  await page.waitForURL(/#\/login/);
  await page.getByRole('button', { name: 'Giriş yap' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'tr');
  await page.screenshot({ path: join(ARTIFACTS, '01-login-tr.png') });

  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();

  await page.getByTestId('overview').waitFor();
  await page.waitForURL((url) => url.hash === '#/' || url.hash === '');
  await page.getByRole('heading', { name: 'Genel bakış' }).waitFor();
  if (api) {
    // KPI "active / total bots" from the snapshot / GET /api/metrics of the mock.
    await page.getByText('3 / 4').waitFor();
    await page.locator('[data-testid="live-indicator"][data-state="open"]').waitFor();
    api.push({ type: 'control', action: 'stop', simulation_active: false });
    await page.getByText('Simülasyon durdurulmuş durumda.').waitFor();
  }
  await page.screenshot({ path: join(ARTIFACTS, '02-overview-tr.png'), fullPage: true });

  await page.getByTestId('locale-toggle').click();
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByRole('button', { name: 'Start' }).waitFor();
  await page.screenshot({ path: join(ARTIFACTS, '03-overview-en.png'), fullPage: true });

  await page.getByTestId('locale-toggle').click();
  await page.getByRole('heading', { name: 'Genel bakış' }).waitFor();
  assert.equal(await page.locator('html').getAttribute('lang'), 'tr');

  // The choice survives a reload (localStorage), and the session cookie keeps us signed in.
  await page.getByTestId('theme-toggle').click();
  await page.reload();
  await page.getByRole('heading', { name: 'Genel bakış' }).waitFor();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(ARTIFACTS, '04-overview-phone.png'), fullPage: true });

  assert.deepEqual(consoleErrors, []);
  if (api) {
    assert.deepEqual(api.unexpected, [], 'the dashboard called API routes the mock does not know');
  }
  await page.close();
});
