// Browser smoke test: the BUILT dashboard in Debian's Chromium (playwright-core, no browser
// download) against the mock API — login → overview, live indicator, TR → EN → TR.
// Set DASHBOARD_URL (+ E2E_USERNAME / E2E_PASSWORD) to run it against a real API instead.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { chromium } from 'playwright-core';
import { PASSWORD, startMockApi, USER, VIEWER } from './mock-api-server.mjs';

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

async function signIn(page, name) {
  await context.clearCookies();
  await page.goto(baseUrl);
  await page.locator('#login-username').fill(name);
  await page.locator('#login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('overview').waitFor();
}

test(
  'every screen opens for an admin without errors',
  { skip: Boolean(process.env.DASHBOARD_URL) && 'mock data only' },
  async () => {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await signIn(page, USER.username);
    const screens = [
      ['Canlı akış', 'feed', 'BIST bugün yine 10 binin üstünde'],
      ['Botlar', 'bots', 'Borsacı Mehmet'],
      ['Gruplar', 'chats', 'Kripto Kulübü'],
      ['Kurulum sihirbazı', 'wizard', 'Örnekle doldur'],
      ['Ayarlar', 'settings', 'scale_factor'],
      ['Mesaj geçmişi', 'logs', 'BTC 100k olur mu sizce?'],
      ['Kullanıcılar ve anahtarlar', 'users', 'grafana'],
      ['Sistem', 'system', 'Son 7 günde 1 başarısız kontrol.'],
    ];
    for (const [label, name, text] of screens) {
      await page.getByRole('navigation').getByRole('link', { name: label }).click();
      await page.getByText(text).first().waitFor();
      await page.screenshot({ path: join(ARTIFACTS, `10-${name}.png`), fullPage: true });
    }
    await page.goto(`${baseUrl}#/bots/2`);
    await page.getByRole('heading', { name: 'Borsacı Mehmet' }).waitFor();
    await page.locator('.n-tabs-tab', { hasText: 'Görüşler' }).click();
    await page.getByText('Endeks 10.000 üstünde kalır').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, '11-bot-editor.png'), fullPage: true });
    assert.deepEqual(errors, []);
    assert.deepEqual(api.unexpected, []);
    await page.close();
  },
);

test(
  'a viewer sees no admin screens and no write controls',
  { skip: Boolean(process.env.DASHBOARD_URL) && 'mock users only' },
  async () => {
    const page = await context.newPage();
    await context.clearCookies();
    await signIn(page, VIEWER.username);
    const nav = page.getByRole('navigation');
    await nav.getByRole('link', { name: 'Botlar' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Kullanıcılar ve anahtarlar' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Kurulum sihirbazı' }).count(), 0);
    assert.ok(await page.getByTestId('control-start').isDisabled());
    await nav.getByRole('link', { name: 'Botlar' }).click();
    await page.getByText('Borsacı Mehmet').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Yeni bot' }).count(), 0);
    // Typing the URL of an admin screen lands on the overview.
    await page.goto(`${baseUrl}#/users`);
    await page.getByTestId('overview').waitFor();
    // Signing out ends on the login form, and the session is gone on the server too.
    await page.getByTestId('user-menu').click();
    await page.getByText('Çıkış yap').click();
    await page.getByTestId('login-submit').waitFor();
    await page.goto(`${baseUrl}#/bots`);
    await page.waitForURL(/#\/login\?redirect=/);
    await page.close();
  },
);
