import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { systemClock } from '../main/core/clock';
import { openVault } from '../main/core/secrets/master-key';
import { openStore, type Store } from '../main/core/store/open-store';
import { createServices } from '../main/core/services';
import type { TokenService } from '../main/core/tokens/token-service';
import {
  median,
  roundTo,
  runBounded,
  inTurns,
  withTempDir,
  type BenchFigure,
  type SuiteOptions,
} from './bench-helpers';

/** Concurrent clients, each refreshing its own family in a loop: what a busy token service sees. */
const clients = 256;
const clientId = 'bench-client';

/**
 * Durable refresh rotation through the token service's group commit, against the same rotations
 * each awaited alone (one commit, one fsync each), in the same run and on the same database:
 *
 * - `rotate_durable_per_s`: `service.refresh()` with 256 clients in flight, each rotating its own
 *   family (lookup, consume, successor insert, session touch, ES256 access token, key usage, the
 *   `token.refreshed` event appended to the log), on a real file in a temporary folder with
 *   `synchronous = FULL` (asserted). Target ≥ 10,000.
 * - `rotate_durable_ratio`: that rate ÷ the rate of one rotation at a time (the same clients
 *   taken in turn), which is one transaction per rotation. Target ≥ 3.
 * - `rotate_serial_per_s`: the baseline's own rate, for comparison with BENCHMARKING.md.
 * - `rotate_cpu_us_per_op`: CPU time (user + system, whole process) per rotation in the
 *   concurrent phase. The group commit runs every unit on the main thread, so 1e6 ÷ this is the
 *   ceiling of `rotate_durable_per_s` on one core, whatever the disk does.
 *
 * Each round runs both phases, in alternating order (the table grows as rotations add rows, so
 * neither phase always gets the smaller table); figures are medians over the rounds.
 */
export async function benchRotate(options: SuiteOptions): Promise<BenchFigure[]> {
  const plan = options.quick
    ? {
        rounds: 3,
        concurrent: { maxOps: 2_000, maxMs: 250 },
        serial: { maxOps: 300, maxMs: 150 },
        warmup: { concurrent: 1_000, serial: 100 },
      }
    : {
        rounds: 7,
        concurrent: { maxOps: 40_000, maxMs: 2_500 },
        serial: { maxOps: 10_000, maxMs: 2_000 },
        warmup: { concurrent: 10_000, serial: 1_000 },
      };
  const progress = options.progress ?? (() => undefined);

  return withTempDir('rotate', async (folder) => {
    const store = openStore({ file: join(folder, 'tessera.db') });
    try {
      const synchronous = store.db.pragma('synchronous', { simple: true });
      if (synchronous !== 2) {
        throw new Error(`The store runs with synchronous = ${String(synchronous)}, not 2 (FULL).`);
      }
      const service = await startService(store, folder);
      const unavailable = service.unavailableReason();
      if (unavailable) throw new Error(`The token service is unavailable: ${unavailable}`);

      const tokens = await Promise.all(
        Array.from({ length: clients }, async (_, index) => {
          const issued = await service.login({
            userId: `user-${index}`,
            clientId,
            scope: 'openid offline_access',
          });
          return requireToken(issued.refreshToken);
        }),
      );
      const rotate = makeRotate(service, tokens);

      const concurrent = (maxOps: number, maxMs: number) =>
        runBounded({ lanes: clients, maxOps, maxMs, op: (lane) => rotate(lane) });
      const serial = (maxOps: number, maxMs: number) =>
        runBounded({ lanes: 1, maxOps, maxMs, op: (_lane, index) => rotate(index % clients) });

      // Untimed, so the timed rounds run optimised code on a warm page cache.
      await concurrent(plan.warmup.concurrent, 5_000);
      await serial(plan.warmup.serial, 5_000);

      const cpuPerRotation: number[] = [];
      const rates = await inTurns(plan.rounds, ['concurrent', 'serial'], async (phase, round) => {
        const label = `rotate round ${round + 1}/${plan.rounds}`;
        if (phase === 'serial') {
          const rate = (await serial(plan.serial.maxOps, plan.serial.maxMs)).perSecond;
          progress(`${label}: ${Math.round(rate)}/s one at a time`);
          return rate;
        }
        const cpuBefore = process.cpuUsage();
        const run = await concurrent(plan.concurrent.maxOps, plan.concurrent.maxMs);
        const cpu = process.cpuUsage(cpuBefore);
        cpuPerRotation.push((cpu.user + cpu.system) / run.ops);
        progress(
          `${label}: ${Math.round(run.perSecond)}/s with ${clients} in flight ` +
            `(${Math.round(cpuPerRotation.at(-1)!)} µs CPU each)`,
        );
        return run.perSecond;
      });
      const ratios = rates.concurrent.map((rate, round) => rate / rates.serial[round]!);

      return [
        { id: 'rotate_durable_per_s', value: Math.round(median(rates.concurrent)), unit: 'per_s' },
        { id: 'rotate_durable_ratio', value: roundTo(median(ratios), 2), unit: 'x' },
        { id: 'rotate_serial_per_s', value: Math.round(median(rates.serial)), unit: 'per_s' },
        { id: 'rotate_cpu_us_per_op', value: Math.round(median(cpuPerRotation)), unit: 'us' },
      ];
    } finally {
      store.close();
    }
  });
}

/**
 * The token service as the app composes it (event log and live bus behind the group commit),
 * with an environment master key and no keychain, over our own store so that the connection's
 * PRAGMAs can be checked. No live subscriber: a service with no console attached.
 */
async function startService(store: Store, folder: string): Promise<TokenService> {
  const vault = await openVault({
    dataDir: folder,
    env: { TESSERA_MASTER_KEY: randomBytes(32).toString('base64') },
    keychain: null,
  });
  return createServices({
    store,
    vault,
    clock: systemClock,
    issuer: 'https://tessera.bench',
    audience: 'https://api.bench',
  }).tokens;
}

/** Rotates client `index`'s current refresh token and keeps the successor. */
function makeRotate(service: TokenService, tokens: string[]) {
  return async (index: number): Promise<void> => {
    const refreshToken = tokens[index];
    if (refreshToken === undefined) throw new Error(`There is no client ${index}.`);
    const result = await service.refresh({ refreshToken, clientId });
    // Issued tokens carry no `ok`; a refusal is `{ ok: false, reason }`.
    if ('ok' in result) throw new Error(`A bench refresh was refused: ${result.reason}.`);
    tokens[index] = requireToken(result.refreshToken);
  };
}

function requireToken(token: string | null): string {
  if (token === null) throw new Error('The policy did not rotate the refresh token.');
  return token;
}
