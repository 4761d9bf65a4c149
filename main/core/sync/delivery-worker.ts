import type Database from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import type { DeliveryOutcome } from '../../../shared/contract/sync';
import { realDelayMs, type Clock } from '../clock';
import type { RecordedCommit } from '../events/recorded-commit';
import type { KeyRing } from '../tokens/key-ring';
import { signLogoutToken } from './logout-token';

/** What the delivery worker needs; every limit has a default. */
export interface DeliveryWorkerOptions {
  readonly db: Database.Database;
  readonly commits: RecordedCommit;
  /** Tessera's signing keys; each attempt signs with the key active at that moment. */
  readonly ring: Pick<KeyRing, 'active'>;
  /** The token service's issuer: `iss` of every logout token. */
  readonly issuer: string;
  readonly clock: Clock;
  readonly fetch?: typeof fetch;
  /** Attempts before a delivery is given up on (dead-lettered). Default 8. */
  readonly maxAttempts?: number;
  /** Backoff: the n-th retry waits a random time in [0, min(maxDelayMs, baseDelayMs·2^(n-1))]. */
  readonly baseDelayMs?: number;
  readonly maxDelayMs?: number;
  /** Per request, answer and body included. Default 5 s. */
  readonly timeoutMs?: number;
  /** Requests in flight at once. Default 8. */
  readonly concurrency?: number;
  /** In [0, 1); the backoff's jitter (tests pass a fixed one). */
  readonly random?: () => number;
  /**
   * How long a claimed delivery is reserved for the attempt that claimed it. If the process dies
   * mid-attempt, the delivery is due again once this has passed. Default 2·timeoutMs + 10 s.
   */
  readonly leaseMs?: number;
  /** Longest sleep between two looks at the outbox (a missed kick, a clock jump). Default 60 s. */
  readonly idlePollMs?: number;
  /** Bytes of a rejecting answer's body read for its error description. Default 4 KiB. */
  readonly maxBodyBytes?: number;
  /** Unexpected failures of the background loop (never an RP's failure: those are recorded). */
  readonly logError?: (message: string, error: unknown) => void;
}

/** The back-channel logout delivery worker; see {@link createDeliveryWorker}. */
export interface DeliveryWorker {
  /** Starts delivering: whatever is due now (left over from before a restart), then on time. */
  start(): void;
  /** Stops claiming, aborts requests in flight (they are attempted again after a restart). */
  stop(): Promise<void>;
  /** Wakes the worker now: call it once a transaction that queued deliveries has committed. */
  kick(): void;
  /** Attempts everything due now until nothing is; resolves with how many attempts it made. */
  runDue(): Promise<number>;
  /**
   * Makes one delivery (by id) or every unfinished delivery of one client (by client id) due now;
   * dead ones get a fresh set of attempts. Resolves with how many it requeued.
   */
  retryNow(target: number | string, by?: string): Promise<number>;
}

interface ClaimedRow {
  readonly delivery_id: number;
  readonly sid: string;
  readonly user_id: string;
  readonly client_id: string;
  readonly uri: string;
  readonly attempts: number;
}

interface Claim extends ClaimedRow {
  /** The next_attempt_ms this claim wrote: it identifies the claim when the outcome is recorded. */
  readonly leaseUntil: number;
}

/** What one POST came to. */
interface AttemptResult {
  /** `delivered`: 2xx; `rejected`: 400 or an unusable URI (final); `failed`: worth retrying. */
  readonly kind: 'delivered' | 'rejected' | 'failed';
  readonly status: number | null;
  readonly latencyMs: number;
  readonly error: string | null;
}

const formEncoded = 'application/x-www-form-urlencoded';

/**
 * Delivers queued back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.5) from
 * the `logout_deliveries` outbox.
 *
 * Each round claims due deliveries in one short transaction (a lease in next_attempt_ms), signs
 * a fresh logout token per attempt, POSTs it with no transaction open, and records the outcome
 * with its events in another transaction: 2xx is delivered; 400 means the relying party rejected
 * the token, which no retry can change, so it is dead at once; anything else (5xx, other
 * statuses, redirects, which are never followed, timeouts, refused connections) is retried with
 * exponential backoff and full jitter until `maxAttempts`, then dead, and stays visible.
 *
 * All state is in SQLite, so the worker survives a restart. A delivery in flight when the
 * process dies is simply attempted again once its lease has passed; the relying party may then
 * receive the same logout twice. Relying parties must treat logout tokens idempotently (a logout
 * of a session already logged out is a success, and the spec lets them detect replays by jti);
 * every attempt carries a new jti, which is fine: each is a valid token for the same logout.
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db, commits, ring, issuer, clock } = options;
  const fetchImpl = options.fetch ?? fetch;
  const maxAttempts = options.maxAttempts ?? 8;
  const baseDelayMs = options.baseDelayMs ?? 1000;
  const maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
  const timeoutMs = options.timeoutMs ?? 5000;
  const concurrency = Math.max(1, options.concurrency ?? 8);
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? 2 * timeoutMs + 10_000;
  const idlePollMs = options.idlePollMs ?? 60_000;
  const maxBodyBytes = options.maxBodyBytes ?? 4096;
  const logError = options.logError ?? (() => undefined);

  // Every read of due work goes through the (status, next_attempt_ms) index.
  const anyDue = db
    .prepare<[number]>(
      `SELECT 1 FROM logout_deliveries WHERE status = 'pending' AND next_attempt_ms <= ? LIMIT 1`,
    )
    .pluck();
  const nextDue = db
    .prepare<[]>(`SELECT min(next_attempt_ms) FROM logout_deliveries WHERE status = 'pending'`)
    .pluck();
  const claimDue = db.prepare<
    { nowMs: number; leaseUntil: number; limit: number; inFlight: string },
    ClaimedRow
  >(`
    UPDATE logout_deliveries SET next_attempt_ms = @leaseUntil
    WHERE delivery_id IN (
      SELECT delivery_id FROM logout_deliveries
      WHERE status = 'pending' AND next_attempt_ms <= @nowMs
        AND delivery_id NOT IN (SELECT value FROM json_each(@inFlight))
      ORDER BY next_attempt_ms LIMIT @limit)
    RETURNING delivery_id, sid, user_id, client_id, uri, attempts`);
  // Guarded by the claim: if the lease ran out and another worker claimed the delivery since, or
  // an operator requeued it, this attempt's outcome is stale and is dropped.
  const recordOutcome = db.prepare<{
    id: number;
    claimedAttempts: number;
    leaseUntil: number;
    status: 'pending' | 'delivered' | 'dead';
    attempts: number;
    nextAttemptMs: number;
    lastStatus: number | null;
    lastError: string | null;
    finishedMs: number | null;
  }>(`
    UPDATE logout_deliveries SET status = @status, attempts = @attempts,
      next_attempt_ms = @nextAttemptMs, last_status = @lastStatus, last_error = @lastError,
      finished_ms = @finishedMs
    WHERE delivery_id = @id AND status = 'pending' AND attempts = @claimedAttempts
      AND next_attempt_ms = @leaseUntil`);
  // Unfinished only: a delivered logout is never sent again. In-flight ones are left alone, so a
  // retry cannot race the attempt already under way.
  const requeue = `
    UPDATE logout_deliveries SET status = 'pending', next_attempt_ms = @nowMs, finished_ms = NULL,
      attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END
    WHERE status IN ('pending', 'dead')
      AND delivery_id NOT IN (SELECT value FROM json_each(@inFlight))`;
  const requeueOne = db.prepare<
    { id: number; nowMs: number; inFlight: string },
    { client_id: string }
  >(`${requeue} AND delivery_id = @id RETURNING client_id`);
  // `+client_id` keeps the planner on the status index: a client's unfinished deliveries are
  // few, its delivered ones may be millions.
  const requeueClient = db.prepare<
    { clientId: string; nowMs: number; inFlight: string },
    { client_id: string }
  >(`${requeue} AND +client_id = @clientId RETURNING client_id`);

  const inFlight = new Map<number, Promise<void>>();
  const shutdown = new AbortController();
  let started = false;
  let stopped = false;
  let draining: Promise<number> | null = null;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const report = (message: string, error: unknown): void => {
    // Once stopped, the database may be closing under us: failures then are expected.
    if (!stopped) logError(message, error);
  };
  const canSign = (): boolean => ring.active()?.privateKey !== undefined;
  const inFlightJson = (): string => JSON.stringify([...inFlight.keys()]);

  /** Claims up to `limit` due deliveries in one transaction; reads first, so idle costs no write. */
  const claim = async (limit: number): Promise<Claim[]> => {
    if (anyDue.get(clock.nowMs()) === undefined) return [];
    const { value } = await commits.run(() => {
      const nowMs = clock.nowMs();
      const leaseUntil = nowMs + leaseMs;
      return claimDue
        .all({ nowMs, leaseUntil, limit, inFlight: inFlightJson() })
        .map((row) => ({ ...row, leaseUntil }));
    });
    return value;
  };

  /** The n-th retry's delay (n from 1): full jitter over an exponentially growing window. */
  const backoffMs = (failedBefore: number): number => {
    const window = Math.min(maxDelayMs, baseDelayMs * 2 ** failedBefore);
    return Math.min(window, Math.floor(random() * (window + 1)));
  };

  /** POSTs a fresh logout token to the delivery's URI; never throws. */
  const post = async (delivery: Claim): Promise<AttemptResult> => {
    const url = parseLogoutUri(delivery.uri);
    if (typeof url === 'string')
      return { kind: 'rejected', status: null, latencyMs: 0, error: url };
    const key = ring.active();
    let token: string;
    try {
      if (!key) throw new Error('There is no active signing key.');
      token = await signLogoutToken({
        issuer,
        clientId: delivery.client_id,
        sub: delivery.user_id,
        sid: delivery.sid,
        key,
        nowMs: clock.nowMs(),
      });
    } catch (error) {
      report('signing a logout token failed', error);
      const reason = 'The logout token could not be signed.';
      return { kind: 'failed', status: null, latencyMs: 0, error: reason };
    }

    const controller = new AbortController();
    let timedOut = false;
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    timeout.unref();
    const onShutdown = (): void => controller.abort();
    if (shutdown.signal.aborted) controller.abort();
    else shutdown.signal.addEventListener('abort', onShutdown, { once: true });
    const startedAt = performance.now();
    const elapsed = (): number => Math.round(performance.now() - startedAt);
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': formEncoded },
        body: new URLSearchParams({ logout_token: token }).toString(),
        // A redirect could lead anywhere: the logout goes to the registered URI or nowhere.
        redirect: 'manual',
        signal: controller.signal,
      });
      const latencyMs = elapsed();
      const { status } = response;
      if (status >= 200 && status < 300) {
        await discardBody(response);
        return { kind: 'delivered', status, latencyMs, error: null };
      }
      if (status === 400) {
        const detail = await errorDetail(response, token, maxBodyBytes);
        const error = `The relying party rejected the logout token (HTTP 400)${detail ? `: ${detail}` : ''}.`;
        return { kind: 'rejected', status, latencyMs, error };
      }
      await discardBody(response);
      const error =
        status >= 300 && status < 400
          ? `The relying party answered with a redirect (HTTP ${status}); redirects are not followed.`
          : `The relying party answered HTTP ${status}.`;
      return { kind: 'failed', status, latencyMs, error };
    } catch (error) {
      const reason = timedOut
        ? `No answer within ${formatDuration(timeoutMs)}.`
        : shutdown.signal.aborted
          ? 'The worker stopped before an answer came.'
          : `The connection failed${connectionCode(error)}.`;
      return { kind: 'failed', status: null, latencyMs: elapsed(), error: reason };
    } finally {
      clearTimeout(timeout);
      shutdown.signal.removeEventListener('abort', onShutdown);
    }
  };

  /** One attempt: POST, then commit its outcome and events (unless the worker is stopping). */
  const attempt = async (delivery: Claim): Promise<void> => {
    const result = await post(delivery);
    // Stopping: nothing is recorded, and the delivery is due again once its lease has passed.
    if (stopped) return;
    const nowMs = clock.nowMs();
    const attempts = delivery.attempts + 1;
    let status: 'pending' | 'delivered' | 'dead';
    let outcome: DeliveryOutcome;
    let nextAttemptMs = nowMs;
    if (result.kind === 'delivered') {
      status = 'delivered';
      outcome = 'delivered';
    } else if (result.kind === 'rejected' || attempts >= maxAttempts) {
      status = 'dead';
      outcome = 'dead';
    } else {
      status = 'pending';
      outcome = 'retry';
      // Drawn here, not in the transaction, so a re-run of the group commit draws nothing new.
      nextAttemptMs = nowMs + backoffMs(delivery.attempts);
    }
    const subject = {
      deliveryId: delivery.delivery_id,
      sid: delivery.sid,
      userId: delivery.user_id,
      clientId: delivery.client_id,
    };
    await commits.run((effects) => {
      const { changes } = recordOutcome.run({
        id: delivery.delivery_id,
        claimedAttempts: delivery.attempts,
        leaseUntil: delivery.leaseUntil,
        status,
        attempts,
        nextAttemptMs,
        lastStatus: result.status,
        lastError: result.error,
        finishedMs: status === 'pending' ? null : nowMs,
      });
      if (changes === 0) return;
      effects.emit('sync.delivery_attempted', {
        ...subject,
        attempt: attempts,
        status: result.status,
        latencyMs: result.latencyMs,
        outcome,
        error: result.error,
      });
      if (status === 'dead') {
        effects.emit('sync.delivery_dead', {
          ...subject,
          attempts,
          lastStatus: result.status,
          error: result.error,
        });
      }
    });
  };

  /**
   * Keeps up to `concurrency` attempts in flight while anything is due; refills once half the
   * slots are free, so a backlog costs one claim transaction per few attempts, not one each.
   */
  const drain = async (): Promise<number> => {
    let attempted = 0;
    try {
      for (;;) {
        const free = concurrency - inFlight.size;
        if (!stopped && canSign() && (inFlight.size === 0 || free >= concurrency / 2)) {
          const claimed = await claim(free);
          // Stopped while claiming: the claims lapse with their leases, and nothing is sent.
          if (stopped) claimed.length = 0;
          for (const delivery of claimed) {
            const running = attempt(delivery)
              .catch((error: unknown) => report('recording a logout delivery failed', error))
              .finally(() => inFlight.delete(delivery.delivery_id));
            inFlight.set(delivery.delivery_id, running);
            attempted += 1;
          }
        }
        if (inFlight.size === 0) return attempted;
        await Promise.race(inFlight.values());
      }
    } catch (error) {
      report('claiming logout deliveries failed', error);
      await Promise.allSettled(inFlight.values());
      return attempted;
    }
  };

  const startDrain = (): Promise<number> => {
    const running = drain().finally(() => {
      draining = null;
      afterDrain(running);
    });
    draining = running;
    return running;
  };

  const afterDrain = (previous: Promise<number>): void => {
    if (!started || stopped) return;
    if (again) {
      again = false;
      void startDrain();
      return;
    }
    void previous.then((attempted) => scheduleNext(attempted));
  };

  /** Sleeps until the earliest pending delivery is due (at most idlePollMs); unref'd. */
  const scheduleNext = (attemptedLastRound: number): void => {
    if (!started || stopped || draining) return;
    let delay = idlePollMs;
    try {
      const next = nextDue.get() as number | null;
      if (next !== null && canSign()) delay = realDelayMs(clock, Math.max(0, next - clock.nowMs()));
    } catch (error) {
      report('reading the logout outbox failed', error);
    }
    // Due but nothing could be claimed (another worker's lease): look again a little later.
    if (delay === 0 && attemptedLastRound === 0) delay = 1000;
    wakeIn(Math.min(delay, idlePollMs));
  };

  const wakeIn = (delayMs: number): void => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (stopped) return;
      if (draining) again = true;
      else void startDrain();
    }, delayMs);
    timer.unref();
  };

  const kick = (): void => {
    if (!started || stopped) return;
    if (draining) again = true;
    else wakeIn(0);
  };

  return {
    start() {
      if (started || stopped) return;
      started = true;
      wakeIn(0);
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      shutdown.abort();
      if (draining) await draining.catch(() => undefined);
    },

    kick,

    async runDue() {
      // One drain at a time: wait for the running one, then look again.
      while (draining) await draining.catch(() => 0);
      if (stopped) return 0;
      return startDrain();
    },

    async retryNow(target, by = 'system') {
      const { value } = await commits.run((effects) => {
        const params = { nowMs: clock.nowMs(), inFlight: inFlightJson() };
        const rows =
          typeof target === 'number'
            ? requeueOne.all({ ...params, id: target })
            : requeueClient.all({ ...params, clientId: target });
        if (rows.length > 0) {
          effects.emit('sync.retry_requested', {
            deliveryId: typeof target === 'number' ? target : null,
            clientId: rows[0]!.client_id,
            count: rows.length,
            by,
          });
        }
        return rows.length;
      });
      if (value > 0) kick();
      return value;
    },
  };
}

/**
 * The delivery's URI as a URL, or why it cannot be used: http(s) only (no file:, data: or
 * javascript:), no credentials, and no fragment (which the spec forbids). The URI itself is not
 * echoed in the sentence.
 */
function parseLogoutUri(uri: string): URL | string {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return 'The back-channel logout URI is not an absolute URL.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return 'The back-channel logout URI must be an http or https URL.';
  }
  if (url.username || url.password) {
    return 'The back-channel logout URI must not contain a user name or password.';
  }
  if (url.hash) return 'The back-channel logout URI must not have a fragment.';
  return url;
}

/** Frees the connection without reading what the relying party sent. */
async function discardBody(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to keep from a body nobody reads.
  }
}

/**
 * The `error` and `error_description` of a rejecting answer (or the start of its text), read
 * up to `maxBytes` and cleaned up to one short line. The relying party may echo what it was sent,
 * so anything shaped like a JWS, the token included, is blanked out.
 */
async function errorDetail(response: Response, token: string, maxBytes: number): Promise<string> {
  let text = '';
  try {
    text = await readCapped(response, maxBytes);
  } catch {
    return '';
  }
  let detail = text;
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null) {
      const { error, error_description: description } = body as Record<string, unknown>;
      detail = [error, description].filter((part) => typeof part === 'string').join(': ');
    }
  } catch {
    // Not JSON: the text as it is.
  }
  const cleaned = detail
    .split(token)
    .join('[token]')
    .replace(/[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g, '[token]')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\.$/, '');
  return cleaned.length > 160 ? `${cleaned.slice(0, 157)}...` : cleaned;
}

/** Reads at most `maxBytes` of a body as UTF-8, then lets the rest go. */
async function readCapped(response: Response, maxBytes: number): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    while (total < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, maxBytes));
}

/** ` (ECONNREFUSED)` and the like, from a failed fetch's cause; '' when there is none. */
function connectionCode(error: unknown): string {
  const cause = error instanceof Error ? error.cause : undefined;
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? ` (${code})` : '';
}

function formatDuration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${ms / 1000} s`;
}
