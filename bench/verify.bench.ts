import { generateKeyPairSync, randomUUID, verify as cryptoVerify } from 'node:crypto';
import { systemClock } from '../main/core/clock';
import { createKeyRing, type RingKey } from '../main/core/tokens/key-ring';
import { createRevocationIndex, type RevocationRow } from '../main/core/tokens/revocation-index';
import { signAccessToken, type AccessTokenClaims } from '../main/core/tokens/sign-access-token';
import {
  createAccessTokenVerifier,
  type AccessTokenVerifier,
} from '../main/core/tokens/verify-access-token';
import { elapsedMs, median, roundTo, type BenchFigure } from './bench-helpers';

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
    ? { tokens: 320, slice: 80, rounds: 5, hits: 30_000 }
    : { tokens: 4_000, slice: 400, rounds: 9, hits: 300_000 };

  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key: RingKey = { kid: 'bench-es', alg: 'ES256', state: 'active', ...pair };
  const keys = createKeyRing();
  keys.set([key]);
  const rows = makeRevocationRows();
  const revocations = createRevocationIndex();
  revocations.load(rows);
  const newVerifier = () =>
    createAccessTokenVerifier({ keys, revocations, clock: systemClock, issuer, audience });

  // The baseline gets the bytes already split and decoded: the least work verifying can be.
  const tokens = await Promise.all(
    Array.from({ length: plan.tokens }, () => signAccessToken(claims(), key)),
  );
  const samples: Sample[] = tokens.map((token) => {
    const lastDot = token.lastIndexOf('.');
    return {
      token,
      data: Buffer.from(token.slice(0, lastDot)),
      signature: Buffer.from(token.slice(lastDot + 1), 'base64url'),
    };
  });
  const slices: Sample[][] = [];
  for (let start = 0; start < samples.length; start += plan.slice) {
    slices.push(samples.slice(start, start + plan.slice));
  }
  const rawKey = { key: pair.publicKey, dsaEncoding: 'ieee-p1363' } as const;

  const rawSync: Contender = (slice) => {
    for (const { data, signature } of slice) {
      if (!cryptoVerify('sha256', data, rawKey, signature)) throw new Error('Raw verify failed.');
    }
  };

  /** Callbacks only, no promises: each completion starts the next verification. */
  const rawAsync: Contender = (slice) =>
    new Promise<void>((resolve, reject) => {
      let started = 0;
      let finished = 0;
      const start = () => {
        const item = slice[started];
        started += 1;
        if (item === undefined) return;
        cryptoVerify('sha256', item.data, rawKey, item.signature, (error, valid) => {
          if (error || !valid) return reject(new Error('Raw verify failed.'));
          finished += 1;
          if (finished === slice.length) resolve();
          else start();
        });
      };
      for (let lane = 0; lane < inFlight; lane += 1) start();
    });

  const oursCold: Contender = async (slice, verifier) => {
    let next = 0;
    const lane = async () => {
      for (let item = slice[next]; item !== undefined; item = slice[next]) {
        next += 1;
        const result = await verifier.verify(item.token);
        if (!result.ok || result.cached) throw new Error('Our verify failed or hit the cache.');
      }
    };
    await Promise.all(Array.from({ length: inFlight }, lane));
  };
  const contenders = [rawSync, rawAsync, oursCold];

  /**
   * Rates per contender over all tokens. The contenders take turns slice by slice, in an order
   * that alternates, so load from other processes falls on all of them alike.
   */
  const coldRound = async (round: number): Promise<number[]> => {
    const verifier = newVerifier();
    const elapsed = contenders.map(() => 0);
    for (const [index, slice] of slices.entries()) {
      const order = (round + index) % 2 === 0 ? [0, 1, 2] : [2, 1, 0];
      for (const which of order) {
        const contender = contenders[which] as Contender;
        elapsed[which] =
          (elapsed[which] ?? 0) + (await elapsedMs(() => contender(slice, verifier)));
      }
    }
    return elapsed.map((ms) => samples.length / (ms / 1000));
  };

  const hitVerifier = newVerifier();
  const hitToken = (samples[0] as Sample).token;
  const oursHit = async () => {
    for (let index = 0; index < plan.hits; index += 1) {
      const result = await hitVerifier.verify(hitToken);
      if (!result.ok || !result.cached) throw new Error('The cached token did not hit.');
    }
  };

  // One untimed pass of each, so the timed rounds run optimised code.
  await coldRound(0);
  await hitVerifier.verify(hitToken);
  await oursHit();

  const sync: number[] = [];
  const async32: number[] = [];
  const cold: number[] = [];
  const ratios: number[] = [];
  const hits: number[] = [];
  const loads: number[] = [];
  for (let round = 0; round < plan.rounds; round += 1) {
    const [syncRate = 0, asyncRate = 0, coldRate = 0] = await coldRound(round);
    sync.push(syncRate);
    async32.push(asyncRate);
    cold.push(coldRate);
    ratios.push(coldRate / Math.max(syncRate, asyncRate));
    hits.push(await perSecond(plan.hits, oursHit));
    loads.push(await elapsedMs(() => createRevocationIndex().load(rows)));
  }

  return [
    { id: 'verify_cold_ratio', value: roundTo(median(ratios), 3), unit: 'ratio' },
    { id: 'verify_cold_per_s', value: Math.round(median(cold)), unit: 'per_s' },
    { id: 'raw_es256_verify_sync_per_s', value: Math.round(median(sync)), unit: 'per_s' },
    { id: 'raw_es256_verify_async32_per_s', value: Math.round(median(async32)), unit: 'per_s' },
    { id: 'verify_hit_per_s', value: Math.round(median(hits)), unit: 'per_s' },
    { id: 'revocation_index_load_ms', value: roundTo(median(loads), 1), unit: 'ms' },
  ];
}

/** One token, and the same token's bytes ready for raw node:crypto. */
interface Sample {
  readonly token: string;
  readonly data: Buffer;
  readonly signature: Buffer;
}

/** Verifies every sample of a slice, one way or another. */
type Contender = (slice: readonly Sample[], verifier: AccessTokenVerifier) => unknown;

function claims(): AccessTokenClaims {
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
