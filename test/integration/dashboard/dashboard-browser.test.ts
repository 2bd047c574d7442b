import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium, Locator, Page } from 'playwright-core';
import request from 'supertest';
import { IsNull, Not } from 'typeorm';
import { BotHolding } from '../../../src/bots/entities/bot-holding.entity';
import { BotStance } from '../../../src/bots/entities/bot-stance.entity';
import { Bot } from '../../../src/bots/entities/bot.entity';
import { Chat } from '../../../src/chats/entities/chat.entity';
import { dashboardDistDir } from '../../../src/common/static/dashboard-dist';
import { Message, MessageKind, MessageState } from '../../../src/messages/entities/message.entity';
import { Setting } from '../../../src/settings/entities/setting.entity';
import { Role } from '../../../src/users/entities/api-user.entity';
import { ApiHarness } from '../../support/api-harness';
import {
  createUserWithPassword,
  encryptionKeys,
  enrolMfa,
  freshTotpCode,
  loginCookie,
  TEST_PASSWORD,
} from '../../support/auth-kit';
import { WorkerProcess } from '../../support/worker-process';

/**
 * The built dashboard (dashboard/dist, served by the real API at /) in Debian's headless
 * Chromium, against the real API, PostgreSQL, Redis and a worker running the demo simulation.
 * Screenshots of every screen go to artifacts/screenshots/ for a reviewer.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(__dirname, '..', '..', '..', 'artifacts', 'screenshots');
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
/** Browser steps wait this long at most (a loaded CI machine renders slowly). */
const STEP_MS = 30_000;

jest.setTimeout(300_000);

describe('dashboard in a real browser against the real API', () => {
  let api: ApiHarness;
  let worker: WorkerProcess | undefined;
  let context: BrowserContext;
  let profileDir: string;
  let page: Page;
  let admin: { username: string; secret: string };
  let adminKey: string;
  let viewerName: string;
  const pageErrors: string[] = [];
  const errorToasts: string[] = [];

  beforeAll(async () => {
    if (!dashboardDistDir()) {
      throw new Error('dashboard/dist is missing: run `npm run build:dashboard` first.');
    }
    mkdirSync(SHOTS, { recursive: true });
    const keys = encryptionKeys('k1');
    api = await ApiHarness.start('dash_browser', { ENCRYPTION_KEYS: keys });
    // The admin signs in with TOTP in the browser; its API key serves the test's own setup calls.
    const adminUser = await createUserWithPassword(api, Role.Admin);
    const cookie = await loginCookie(api, adminUser.username);
    adminKey = String(
      (
        await request(api.url)
          .post('/auth/api-keys')
          .set('Cookie', cookie)
          .set('Origin', api.url)
          .send({ name: 'browser-test setup' })
          .expect(201)
      ).body.key,
    );
    admin = { username: adminUser.username, secret: await enrolMfa(api, cookie) };
    viewerName = (await createUserWithPassword(api, Role.Viewer)).username;
    // A lively pace for the demo simulation (sandbox bots, offline demo generator).
    await api.dataSource.getRepository(Setting).save([
      { key: 'typing_enabled', value: false },
      { key: 'scale_factor', value: 10 },
    ]);
    worker = await WorkerProcess.start({
      DATABASE_URL: api.db.url,
      DATABASE_POOL_SIZE: '5',
      REDIS_URL: api.config.redis.url,
      REDIS_PREFIX: api.config.redis.prefix,
      MIGRATIONS_RUN_ON_START: 'false',
      ENCRYPTION_KEYS: keys,
      LLM_PROVIDER: 'demo',
      TS_NODE_SWC: 'true',
    });
    profileDir = mkdtempSync(join(tmpdir(), 'piyasa-dash-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 860 },
      locale: 'tr-TR',
    });
    context.setDefaultTimeout(STEP_MS);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    // Every error notification the dashboard shows is a failed API call: none is expected.
    await page.exposeFunction('reportErrorToast', (text: string) => errorToasts.push(text));
    await page.addInitScript(`new MutationObserver(() => {
      for (const el of document.querySelectorAll('.n-notification--error-type, .n-message--error-type')) {
        if (!el.dataset.reported) { el.dataset.reported = '1'; window.reportErrorToast(el.textContent); }
      }
    }).observe(document, { childList: true, subtree: true });`);
  });

  afterAll(async () => {
    await context?.close();
    await worker?.stop();
    await api?.stop();
    if (profileDir) {
      rmSync(profileDir, { recursive: true, force: true });
    }
  });

  const shot = (name: string) =>
    page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  /** The input or textarea of a Naive UI form item, found by its visible label. */
  function field(scope: Page | Locator, label: string): Locator {
    return scope
      .locator('.n-form-item', {
        has: page.locator('.n-form-item-label', { hasText: new RegExp(`^\\s*${label}`) }),
      })
      .locator('input, textarea')
      .first();
  }

  async function openScreen(label: string): Promise<void> {
    await page.getByRole('navigation').getByRole('link', { name: label }).click();
  }

  it('signs in with password and TOTP', async () => {
    await page.goto(api.url);
    await page.getByTestId('login-submit').waitFor();
    await shot('01-login');
    await page.locator('#login-username').fill(admin.username);
    await page.locator('#login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.locator('#login-totp').waitFor();
    await page.locator('#login-totp').fill(freshTotpCode(api, admin.secret));
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview').waitFor();
    await page.locator('[data-testid="live-indicator"][data-state="open"]').waitFor();
    // GET /system/health read in its real shape: one row per component.
    await page.locator('.health li', { hasText: 'database' }).waitFor();
    await page.locator('.health li', { hasText: 'redis' }).waitFor();
    await shot('02-overview');
  });

  it('creates a bot with persona, stances and holdings', async () => {
    await openScreen('Botlar');
    await page.getByRole('button', { name: 'Yeni bot' }).click();
    await field(page, 'Ad').fill('Tarayıcı Testi');
    await page.locator('.n-tabs-tab', { hasText: 'Kişilik' }).click();
    await field(page, 'Üslup').fill('sakin ve temkinli');
    await page.getByTestId('bot-save').click();
    await page.waitForURL(/#\/bots\/\d+$/);
    const botId = Number(/#\/bots\/(\d+)$/.exec(page.url())![1]);

    await page.locator('.n-tabs-tab', { hasText: 'Görüşler' }).click();
    await field(page, 'Konu').fill('Bankacılık');
    await field(page, 'Görüş').fill('Faiz indirimiyle bankalar toparlanır.');
    await page.getByRole('button', { name: 'Görüşü kaydet' }).click();
    await page.getByRole('cell', { name: 'Bankacılık' }).waitFor();
    await shot('03-bot-stances');

    await page.locator('.n-tabs-tab', { hasText: 'Portföy' }).click();
    await field(page, 'Sembol').fill('THYAO');
    await page.getByRole('button', { name: 'Pozisyonu kaydet' }).click();
    await page.getByRole('cell', { name: 'THYAO' }).waitFor();
    await shot('04-bot-holdings');

    const bot = await api.dataSource.getRepository(Bot).findOneByOrFail({ id: botId });
    expect(bot.name).toBe('Tarayıcı Testi');
    expect(bot.personaProfile).toMatchObject({ tone: 'sakin ve temkinli' });
    const stances = await api.dataSource.getRepository(BotStance).findBy({ botId });
    expect(stances.map((s) => s.topic)).toEqual(['Bankacılık']);
    const holdings = await api.dataSource.getRepository(BotHolding).findBy({ botId });
    expect(holdings.map((h) => h.symbol)).toEqual(['THYAO']);
  });

  it('creates a chat', async () => {
    await openScreen('Gruplar');
    await page.getByRole('button', { name: 'Yeni grup' }).click();
    const dialog = page.getByRole('dialog');
    await field(dialog, 'Telegram sohbet kimliği').fill('-1009876543210');
    await field(dialog, 'Başlık').fill('Tarayıcı Grubu');
    await dialog.getByRole('button', { name: 'Kaydet' }).click();
    await page.getByRole('cell', { name: 'Tarayıcı Grubu' }).waitFor();
    await shot('05-chats');
    const chat = await api.dataSource
      .getRepository(Chat)
      .findOneByOrFail({ title: 'Tarayıcı Grubu' });
    expect(String(chat.chatId)).toBe('-1009876543210');
  });

  it('starts the demo simulation and shows messages in the live feed without reloading', async () => {
    // Demo personas (sandbox bots: no Telegram token) in their own chat, as `npm run demo` does.
    await request(api.url)
      .post('/demo-bots/create')
      .set('X-API-Key', adminKey)
      // At any hour of the day the test runs (the personas' own hours are market hours).
      .send({ count: 3, around_the_clock: true })
      .expect(201);
    // The browser's own bots/chats have no conversation partners; pause them for this step.
    await api.dataSource
      .getRepository(Bot)
      .update({ name: 'Tarayıcı Testi' }, { isEnabled: false });
    await api.dataSource
      .getRepository(Chat)
      .update({ title: 'Tarayıcı Grubu' }, { isEnabled: false });

    await openScreen('Genel bakış');
    await page.getByTestId('control-start').click();
    // The overview shows the simulation running (start disabled) once the API has stored it.
    await page.waitForFunction(
      `document.querySelector('[data-testid="control-start"]')?.disabled === true`,
    );
    await openScreen('Canlı akış');
    // A marker on the window survives only if the page is never reloaded.
    await page.evaluate('window.__sameDocument = true');
    const first = await waitForSentMessage(api, worker!);
    await page.getByText(first.text, { exact: false }).first().waitFor({ timeout: 90_000 });
    // The author is the demo bot (learnt by the feed although it was created after the list loaded).
    const author = await api.dataSource.getRepository(Bot).findOneByOrFail({ id: first.botId! });
    await page.getByText(author.name).first().waitFor();
    expect(await page.evaluate('window.__sameDocument === true')).toBe(true);
    await shot('06-feed');
  });

  it('changes a setting and sees it applied', async () => {
    await openScreen('Ayarlar');
    const card = page.getByTestId('setting-max_msgs_per_min');
    await card.locator('input').first().fill('90');
    await card.locator('input').first().blur();
    await card.getByRole('button', { name: 'Uygula' }).click();
    await page.getByText('max_msgs_per_min güncellendi.').waitFor();
    await shot('07-settings');
    const row = await api.dataSource
      .getRepository(Setting)
      .findOneByOrFail({ key: 'max_msgs_per_min' });
    expect(row.value).toBe(90);
  });

  it('opens every other screen, in Turkish and in English', async () => {
    for (const [label, name] of [
      ['Mesaj geçmişi', '08-logs'],
      ['Kurulum sihirbazı', '09-wizard'],
      ['Kullanıcılar ve anahtarlar', '10-users'],
      ['Sistem', '11-system'],
    ] as const) {
      await openScreen(label);
      await page.getByRole('heading', { name: label }).waitFor();
      if (name === '08-logs') {
        // The CSV link names the API's export route, which answers with CSV.
        const href = await page
          .getByRole('link', { name: 'CSV olarak indir' })
          .getAttribute('href');
        expect(href).toMatch(/^\/logs\/export\.csv(\?|$)/);
        const csv = await request(api.url).get(href!).set('X-API-Key', adminKey).expect(200);
        expect(csv.headers['content-type']).toContain('text/csv');
      }
      if (name === '11-system') {
        await page.locator('.health li', { hasText: 'database' }).waitFor();
        await page.getByText('Henüz kontrol çalıştırılmadı.').waitFor();
      }
      await shot(name);
    }
    await openScreen('Genel bakış');
    await page.getByTestId('locale-toggle').click();
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await shot('12-overview-en');
    await page.getByTestId('locale-toggle').click();
    await page.getByRole('heading', { name: 'Genel bakış' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('tr');
  });

  it('shows a viewer no edit controls', async () => {
    await context.clearCookies();
    await page.goto(`${api.url}/#/login`);
    await page.reload();
    await page.locator('#login-username').fill(viewerName);
    await page.locator('#login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('overview').waitFor();
    expect(await page.getByTestId('control-start').isDisabled()).toBe(true);
    const nav = page.getByRole('navigation');
    expect(await nav.getByRole('link', { name: 'Kullanıcılar ve anahtarlar' }).count()).toBe(0);
    await openScreen('Botlar');
    await page.getByText('Tarayıcı Testi').waitFor();
    expect(await page.getByRole('button', { name: 'Yeni bot' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Sil' }).count()).toBe(0);
    await shot('13-bots-viewer');
    await openScreen('Ayarlar');
    await page.getByTestId('setting-max_msgs_per_min').waitFor();
    expect(await page.getByRole('button', { name: 'Uygula' }).count()).toBe(0);
    await shot('14-settings-viewer');
    expect(pageErrors).toEqual([]);
    expect(errorToasts).toEqual([]);
  });
});

async function waitForSentMessage(api: ApiHarness, worker: WorkerProcess): Promise<Message> {
  let found: Message | null = null;
  await worker
    .waitFor(
      'a sent demo message',
      async () => {
        found = await api.dataSource.getRepository(Message).findOne({
          where: { state: MessageState.Sent, kind: MessageKind.Text, botId: Not(IsNull()) },
        });
        return found !== null;
      },
      120_000,
    )
    .catch(async (error: unknown) => {
      // What the engine saw, for a failure that the worker's log alone does not explain.
      const [settings, messages, chats, bots] = await Promise.all([
        api.dataSource.getRepository(Setting).find(),
        api.dataSource.query(
          `SELECT state, state_reason, count(*)::int AS n FROM messages GROUP BY 1, 2`,
        ),
        api.dataSource.query(`SELECT id, is_enabled FROM chats`),
        api.dataSource.query(
          `SELECT id, is_enabled, status, token_ciphertext IS NOT NULL AS has_token FROM bots`,
        ),
      ]);
      throw new Error(
        `${String(error)}\nsettings ${JSON.stringify(settings.map((x) => [x.key, x.value]))}\n` +
          `messages ${JSON.stringify(messages)}\nchats ${JSON.stringify(chats)}\nbots ${JSON.stringify(bots)}`,
      );
    });
  return found!;
}
