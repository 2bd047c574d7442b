import { EngineE2e, FAST_SETTINGS } from '../../support/engine-e2e';
import { FaultProxy } from '../support/fault-proxy';
import { CHAOS, SCENARIO_TIMEOUT_MS, sleep } from './chaos-profile';
import { settleAndCheck, simulationResumes } from './scenario';

/**
 * PostgreSQL faults under two worker processes whose DATABASE_URL goes through the fault proxy
 * (the API and the checker read the database directly): an outage (the port refuses, open
 * connections close) and connections reset with RST while transactions are in flight. No row may
 * be left half-written (every message final, every sent row matching what Telegram accepted),
 * and the workers must recover without a restart.
 */
describe('chaos (network): PostgreSQL faults under the workers', () => {
  let proxy: FaultProxy;
  let e2e: EngineE2e;

  beforeAll(async () => {
    e2e = await EngineE2e.start('chaos_pg');
    proxy = await FaultProxy.forUrl(e2e.api.db.url);
    await e2e.settings(FAST_SETTINGS);
    const bots = await Promise.all(['Deniz', 'Selin', 'Kaan'].map((name) => e2e.bot(name)));
    await e2e.chat('pg 1', [bots[0].bot.id, bots[1].bot.id]);
    await e2e.chat('pg 2', [bots[1].bot.id, bots[2].bot.id]);
    const env = { DATABASE_URL: proxy.rewrite(e2e.api.db.url) };
    await Promise.all([e2e.startWorker(env), e2e.startWorker(env)]);
    await e2e.waitFor('the first messages', () => e2e.telegram.messages.length >= 3);
  }, 120_000);

  afterAll(async () => {
    await e2e?.stop();
    await proxy?.stop();
  }, 60_000);

  it(
    'recovers from an outage: proxy down, then up',
    async () => {
      for (let cycle = 0; cycle < CHAOS.cycles; cycle += 1) {
        await proxy.down();
        await sleep(CHAOS.outageMs);
        await proxy.up();
        await simulationResumes(e2e, `PostgreSQL outage ${cycle + 1}`);
      }
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    'leaves nothing half-written when connections are reset mid-transaction',
    async () => {
      // A little latency keeps statements and transactions open long enough to be cut inside.
      proxy.latency(20);
      let cut = 0;
      for (let round = 0; round < CHAOS.cycles * 6; round += 1) {
        await sleep(500);
        cut += proxy.reset();
      }
      proxy.pass();
      expect(cut).toBeGreaterThan(0);
      await simulationResumes(e2e, 'connection resets');
      await settleAndCheck(e2e);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
