/**
 * The child half of the crash-durability test (see durability.test.ts): runs the real store and
 * token service over one database file and churns through logins, rotations, reuse detection and
 * revocations until it is killed, printing one line per acknowledged write.
 *
 *   node --import tsx main/core/durability/churn-child.ts <dbFile> <masterKeyBase64>
 *
 * <dbFile> must be `<dataDir>/tessera.db`: the child runs the core as the app does (createCore
 * over the data folder, master key from TESSERA_MASTER_KEY, no keychain, the real clock). The
 * test bundles this file and runs the bundle with plain `node`, to start faster.
 *
 * stdout, one line each, nothing else:
 *   READY                       the service is up; churn starts now
 *   ACK login <sid>             login resolved: session and generation-1 refresh token committed
 *   ACK refresh <sid> <gen>     refresh resolved: refresh token <gen> of the session committed
 *   ACK revoke <sid>            endSession resolved true: session ended and revoked
 *   ACK reuse <sid>             a replayed token was refused as 'reused': family and session revoked
 * A line is written only after the call's promise resolved, that is after group commit made the
 * write durable, so every line is a promise the database must keep after a crash. Tokens and the
 * master key are never printed.
 *
 * Anything unexpected (a refused refresh other than the planned replay, a failed call) is
 * reported on stderr and ends the process with code 2, which the test treats as a failure.
 */
import { basename, dirname } from 'node:path';
import { createCore } from '../core';
import type { TokenService } from '../tokens/token-service';

/** Calls in flight at once, so that group commit really batches several units per transaction. */
const workers = 8;
const clientId = 'durability';
/** The file createCore opens in its data folder. */
const databaseName = 'tessera.db';

function ack(line: string): void {
  // One write per line: on Linux, writes to a pipe are synchronous and lines this short are
  // atomic, so the parent sees whole lines, except perhaps one cut short by the kill.
  process.stdout.write(`ACK ${line}\n`);
}

function fail(message: string): never {
  process.stderr.write(`churn-child: ${message}\n`);
  process.exit(2);
}

const chance = (p: number): boolean => Math.random() < p;
const between = (low: number, high: number): number =>
  low + Math.floor(Math.random() * (high - low + 1));

/** One client's life: login, a few rotations, then a replay, a revocation or nothing. */
async function churnOnce(service: TokenService, worker: number): Promise<void> {
  const issued = await service.login({
    userId: `user-${worker}`,
    clientId,
    scope: 'openid',
  });
  const sid = issued.sid;
  ack(`login ${sid}`);
  const first = issued.refreshToken;
  if (first === null) fail('the policy does not rotate refresh tokens; the test needs rotation');

  let current = first;
  let generation = 1;
  const rotations = between(1, 4);
  for (let i = 0; i < rotations; i++) {
    const result = await service.refresh({ refreshToken: current, clientId });
    if (!('accessToken' in result)) fail(`refresh of ${sid} was refused: ${result.reason}`);
    if (result.refreshToken === null) fail('refresh returned no successor');
    current = result.refreshToken;
    generation += 1;
    ack(`refresh ${sid} ${generation}`);
  }

  // Replaying the first token, at least two generations behind the live one, is reuse even
  // inside a grace window (which covers only the immediate predecessor).
  if (generation >= 3 && chance(0.3)) {
    const replay = await service.refresh({ refreshToken: first, clientId });
    if ('accessToken' in replay || replay.reason !== 'reused') {
      fail(`replaying the first token of ${sid} was not detected as reuse`);
    }
    ack(`reuse ${sid}`);
    return;
  }
  if (chance(0.4)) {
    if (!(await service.endSession(sid, 'revoked', 'durability'))) {
      fail(`endSession(${sid}) found no active session`);
    }
    ack(`revoke ${sid}`);
  }
  // Otherwise the session is left active with one live refresh token, as most sessions are.
}

async function main(): Promise<void> {
  const [file, masterKey] = process.argv.slice(2);
  if (!file || !masterKey) fail('usage: churn-child <dbFile> <masterKeyBase64>');
  if (basename(file) !== databaseName) fail(`the database file must be named ${databaseName}`);

  // The same wiring as the app and the headless host (store, vault, event log, group commit,
  // token service), so that the test covers what ships rather than a copy of it.
  const core = await createCore({
    dataDir: dirname(file),
    version: 'durability',
    issuer: 'https://tessera.durability.test',
    env: { TESSERA_MASTER_KEY: masterKey },
    keychain: null,
    log: () => undefined,
    logError: (message, error) =>
      process.stderr.write(`churn-child: ${message}: ${String(error)}\n`),
  });
  const service = core.tokens;
  const unavailable = service.unavailableReason();
  if (unavailable) fail(`the token service is unavailable: ${unavailable}`);

  process.stdout.write('READY\n');
  const loop = async (worker: number): Promise<never> => {
    for (;;) await churnOnce(service, worker);
  };
  await Promise.all(Array.from({ length: workers }, (_, worker) => loop(worker)));
}

main().catch((error: unknown) => {
  fail(error instanceof Error ? (error.stack ?? error.message) : String(error));
});
