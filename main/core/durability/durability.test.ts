/**
 * Crash durability of the token service: a child process (churn-child.ts) logs in, rotates,
 * replays and revokes over the real store and prints each acknowledged write; this test SIGKILLs
 * it at random moments, again and again on one database file, and after each kill reopens the
 * file and checks it: `integrity_check` is ok, every acknowledged login, rotation and revocation
 * (of this run and all earlier ones) is there, no family has two live refresh tokens, and every
 * unit of work committed entirely or not at all.
 *
 * What this proves, and what it does not. SIGKILL ends the process but not the machine: what
 * the process had written to the OS (the WAL) survives in the page cache, fsynced or not. So this
 * test proves that nothing is acknowledged before its transaction has committed (group commit
 * resolves only after COMMIT returned), that commits are atomic, and that SQLite's WAL recovery
 * after a crash mid-write, mid-commit or mid-checkpoint yields an intact file holding every
 * commit. It does NOT prove that commits survive a power loss or kernel crash: that depends on
 * the WAL being fsynced at each commit, which `synchronous = FULL` in open-store.ts provides
 * (and open-store.test.ts checks that it is set); the test would still pass with
 * `synchronous = OFF`.
 *
 *   npx vitest run main/core/durability                  40 kills (200 when CI is set)
 *   TESSERA_DURABILITY_KILLS=500 npx vitest run main/core/durability
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Acknowledged,
  bundleChild,
  checkDatabase,
  killCount,
  killLeftoverChild,
  runThenKill,
  type ChildCommand,
} from './kill-harness.test-helper';

const { kills, why } = killCount(process.env);
/** Measured at 0.5–1 s per kill on a busy 2-core machine; the budget leaves room for slower. */
const budgetPerKillMs = 2_000;
const timeoutMs = 60_000 + kills * budgetPerKillMs;
/** The loop stops itself before vitest's timeout, so no child outlives the test. */
const deadlineMs = timeoutMs - 20_000;
const runMs = { min: 20, max: 300 };

let folder: string;
let child: ChildCommand;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'tessera-durability-'));
  child = await bundleChild(folder);
});

afterAll(() => {
  killLeftoverChild();
  rmSync(folder, { recursive: true, force: true });
});

describe('crash durability', () => {
  it(
    `keeps every acknowledged write across ${kills} SIGKILLs`,
    async () => {
      console.log(`durability: ${kills} kills (${why})`);
      const file = join(folder, 'tessera.db');
      const masterKey = randomBytes(32).toString('base64');
      const acknowledged = new Acknowledged();
      const started = performance.now();
      const time = { start: 0, run: 0, check: 0 };

      for (let iteration = 1; iteration <= kills; iteration++) {
        const elapsed = performance.now() - started;
        if (elapsed > deadlineMs) {
          throw new Error(
            `Out of time after ${iteration - 1} of ${kills} kills (${Math.round(elapsed / 1000)} s); ` +
              'lower TESSERA_DURABILITY_KILLS or find what got slow.',
          );
        }
        const wanted = runMs.min + Math.floor(Math.random() * (runMs.max - runMs.min + 1));
        const run = await runThenKill(child, [file, masterKey], {
          runMs: wanted,
          readyTimeoutMs: 15_000,
        }).catch((error: unknown) => {
          throw new Error(`iteration ${iteration}: ${(error as Error).message}`);
        });
        acknowledged.record(run.lines);

        const checkStart = performance.now();
        const findings = checkDatabase(file, acknowledged);
        time.start += run.startMs;
        time.run += run.ranMs;
        time.check += performance.now() - checkStart;
        if (findings.problems.length > 0) {
          throw new Error(
            `iteration ${iteration} (killed after ${Math.round(run.ranMs)} ms, ` +
              `${run.lines.length} acks in this run):\n${findings.problems.join('\n')}`,
          );
        }
      }

      const totalMs = performance.now() - started;
      const per = (ms: number) => Math.round(ms / kills);
      console.log(
        `durability: ${kills} kills, ${acknowledged.revocations} acknowledged revocations, 0 lost ` +
          `(${acknowledged.lines} acks: ${acknowledged.logins.size} logins, ` +
          `${acknowledged.revoked.size} revokes, ${acknowledged.reused.size} reuse detections)`,
      );
      console.log(
        `durability: ${(totalMs / 1000).toFixed(1)} s, ${per(totalMs)} ms per kill ` +
          `(start ${per(time.start)}, run ${per(time.run)}, check ${per(time.check)})`,
      );
      expect(acknowledged.revocations).toBeGreaterThan(0);
    },
    timeoutMs,
  );
});
