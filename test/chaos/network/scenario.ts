import { EngineE2e } from '../../support/engine-e2e';
import { assertLedgerInvariants, InvariantReport } from '../support/invariants';
import { CHAOS, sleep } from './chaos-profile';

/** Waits until the fake Telegram accepted `CHAOS.messagesAfter` more messages than now. */
export async function simulationResumes(e2e: EngineE2e, after: string): Promise<void> {
  const before = e2e.telegram.messages.length;
  const started = Date.now();
  let firstAfterMs: number | undefined;
  await e2e.waitFor(
    `${CHAOS.messagesAfter} messages after ${after}`,
    () => {
      const accepted = e2e.telegram.messages.length - before;
      if (accepted > 0) {
        firstAfterMs ??= Date.now() - started;
      }
      return accepted >= CHAOS.messagesAfter;
    },
    CHAOS.recoveryTimeoutMs,
  );
  report(
    `${after}: first message ${firstAfterMs} ms later, ` +
      `${CHAOS.messagesAfter} messages ${Date.now() - started} ms later`,
  );
}

/** One figure line in the test output (for docs/reliability.md), never an assertion. */
function report(line: string): void {
  process.stdout.write(`[chaos] ${line}\n`);
}

/**
 * The end of a scenario: stops the simulation, lets in-flight messages reach a final state, runs
 * the shared ledger checker (never twice, never lost, no limit broken), and starts it again for
 * the next scenario. Returns the checker's report.
 */
export async function settleAndCheck(e2e: EngineE2e): Promise<InvariantReport> {
  await e2e.settings({ simulation_active: false });
  // Workers read settings at most a second late; a turn planned just before may still send.
  await sleep(1500);
  const result = await assertLedgerInvariants({
    dataSource: e2e.ds,
    telegram: e2e.telegram,
    settleTimeoutMs: 30_000,
  }).catch((error: Error) => {
    // The workers' warnings and errors say which fault left the ledger wrong.
    const warnings = e2e.workers.map((w) =>
      w.output
        .split('\n')
        .filter((line) => /"level":(40|50|60)/.test(line))
        .slice(-40)
        .join('\n'),
    );
    throw new Error(`${error.message}\nworker warnings:\n${warnings.join('\n---\n')}`);
  });
  await e2e.settings({ simulation_active: true });
  const states = Object.entries(result.byState)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  report(
    `${expect.getState().currentTestName}: checker passed on ${result.rows} rows (${states}); ` +
      `Telegram accepted ${result.acceptedSends} messages, ${result.acceptedReactions} reactions`,
  );
  return result;
}
