import { generateKeyPairSync, randomUUID, verify as cryptoVerify } from 'node:crypto';
import { systemClock } from '../main/core/clock';
import { createKeyRing, type RingKey } from '../main/core/tokens/key-ring';
import { createRevocationIndex, type RevocationRow } from '../main/core/tokens/revocation-index';
import { signAccessToken } from '../main/core/tokens/sign-access-token';
import { createAccessTokenVerifier } from '../main/core/tokens/verify-access-token';

/** One measured figure. */
export interface BenchFigure {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
}

const issuer = 'https://tessera.bench';
const audience = 'https://api.bench';
/** Verifications kept in flight by the concurrent runs: what a busy HTTP or IPC server sees. */
const inFlight = 32;
const revocationRows = 100_000;

/**
 * Measures access-token verification against raw node:crypto in the same run (these machines
 * are too noisy for figures taken at different times to compare; see BENCHMARKING.md):
 *
 * - `verify_cold_ratio`: our verify of N distinct ES256 tokens, 32 in flight with an empty
 *   cache, divided by raw node:crypto verify of the same bytes done the fastest plain way (the
 *   faster of a synchronous loop and 32 in flight with callbacks). Target ≥ 0.9.
 * - `verify_hit_per_s`: one cached token verified again and again, one awaited at a time,
 *   revocation check included, with 100,000 revocations loaded. Target ≥ 200,000.
 * - `revocation_index_load_ms`: loading 100,000 rows that are already in memory (reading them
 *   from SQLite is measured elsewhere).
 *
 * Every figure is the median of several rounds. Prints nothing.
 */
export async function benchVerify(options: { quick: boolean }): Promise<BenchFigure[]> {
  const plan = options.quick
    ? { tokens: 300, rounds: 5, hits: 30_000 }
    : { tokens: 4_000, rounds: 9, hits: 300_000 };

  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key: RingKey = { kid: 'bench-es', alg: 'ES256', state: 'active', ...pair };
  const keys = createKeyRing();
  keys.set([key]);
  const rows = makeRevocationRows();
  const revocations = createRevocationIndex();
  revocations.load(rows);
  const newVerifier = () =>
    createAccessTokenVerifier({ keys, revocations, clock: systemClock, issuer, audience });

  const tokens = Array.from({ length: plan.tokens }, () => signAccessToken(claims(), key));
  // The baseline gets the bytes already split and decoded: the least work verifying can be.
  const raw = tokens.map((token) => {
    const lastDot = token.lastIndexOf('.');
    return {
      data: Buffer.from(token.slice(0, lastDot)),
      signature: Buffer.from(token.slice(lastDot + 1), 'base64url'),
    };
  });
  const rawKey = { key: pair.publicKey, dsaEncoding: 'ieee-p1363' } as const;

  const rawSync = () => {
    for (const { data, signature } of raw) {
      if (!cryptoVerify('sha256', data, rawKey, signature)) throw new Error('Raw verify failed.');
    }
  };

  /** Callbacks only, no promises: each completion starts the next verification. */
  const rawAsync = () =>
    new Promise<void>((resolve, reject) => {
      let started = 0;
      let finished = 0;
      const start = () => {
        const item = raw[started];
        started += 1;
        if (item === undefined) return;
        cryptoVerify('sha256', item.data, rawKey, item.signature, (error, valid) => {
          if (error || !valid) return reject(new Error('Raw verify failed.'));
          finished += 1;
          if (finished === raw.length) resolve();
          else start();
        });
      };
      for (let lane = 0; lane < inFlight; lane += 1) start();
    });

  const oursCold = async () => {
    const verifier = newVerifier();
    let next = 0;
    const lane = async () => {
      while (next < tokens.length) {
        const token = tokens[next] as string;
        next += 1;
        const result = await verifier.verify(token);
        if (!result.ok || result.cached) throw new Error('Our verify failed or hit the cache.');
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
  };

  const hitVerifier = newVerifier();
  const hitToken = tokens[0] as string;
  const oursHit = async () => {
    for (let index = 0; index < plan.hits; index += 1) {
      const result = await hitVerifier.verify(hitToken);
      if (!result.ok || !result.cached) throw new Error('The cached token did not hit.');
    }
  };

  // One untimed pass of each, so the timed rounds run optimised code.
  rawSync();
  await rawAsync();
  await oursCold();
  await hitVerifier.verify(hitToken);
  await oursHit();

  const sync: number[] = [];
  const async32: number[] = [];
  const cold: number[] = [];
  const ratios: number[] = [];
  const hits: number[] = [];
  const loads: number[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    // The order alternates, so no contender always runs right after another's garbage.
    const order = round % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
    const rates: number[] = [0, 0, 0];
    for (const which of order) {
      rates[which] =
        which === 0
          ? await perSecond(tokens.length, rawSync)
          : which === 1
            ? await perSecond(tokens.length, rawAsync)
            : await perSecond(tokens.length, oursCold);
    }
    const [syncRate = 0, asyncRate = 0, coldRate = 0] = rates;
    sync.push(syncRate);
    async32.push(asyncRate);
    cold.push(coldRate);
    ratios.push(coldRate / Math.max(syncRate, asyncRate));
    hits.push(await perSecond(plan.hits, oursHit));
    loads.push(await elapsedMs(() => createRevocationIndex().load(rows)));
  }

  return [
    { id: 'verify_cold_ratio', value: round3(median(ratios)), unit: 'ratio' },
    { id: 'verify_cold_per_s', value: Math.round(median(cold)), unit: 'per_s' },
    { id: 'raw_es256_verify_sync_per_s', value: Math.round(median(sync)), unit: 'per_s' },
    { id: 'raw_es256_verify_async32_per_s', value: Math.round(median(async32)), unit: 'per_s' },
    { id: 'verify_hit_per_s', value: Math.round(median(hits)), unit: 'per_s' },
    { id: 'revocation_index_load_ms', value: round3(median(loads)), unit: 'ms' },
  ];
}

function claims() {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: issuer,
    sub: `user-${randomUUID()}`,
    aud: audience,
    exp: now + 900,
    iat: now,
    jti: randomUUID(),
    client_id: 'bench-client',
    sid: randomUUID(),
    scope: 'openid profile',
    auth_time: now - 60,
  };
}

/** Rows shaped like the `revocations` table, with random subjects like the real ones. */
function makeRevocationRows(): RevocationRow[] {
  const kinds = ['session', 'family', 'jti'] as const;
  const expiresMs = Date.now() + 3_600_000;
  return Array.from({ length: revocationRows }, (_, index) => ({
    kind: kinds[index % 3] as string,
    subject: randomUUID(),
    expires_ms: expiresMs,
  }));
}

async function perSecond(operations: number, run: () => unknown): Promise<number> {
  return operations / ((await elapsedMs(run)) / 1000);
}

async function elapsedMs(run: () => unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
