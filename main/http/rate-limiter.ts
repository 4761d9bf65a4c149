import type { EventPayload, Policy } from '../../shared/contract';

/** A refused refresh: how long until one would pass, and which limit refused it. */
export interface RateLimited {
  readonly retryAfterSeconds: number;
  readonly scope: 'client' | 'session';
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Above this many buckets, those that have refilled completely (idle keys) are dropped. */
const sweepAbove = 10_000;
/** At most one `refresh.rate_limited` event per client or session per second, whatever the flood. */
const eventIntervalMs = 1_000;

/**
 * Token buckets for the refresh grant, from the policy in force: one per client
 * (`clientRefreshesPerSecond`, burst the same) and one per session (`sessionRefreshesPerMinute`,
 * burst the same); 0 turns a limit off. Held in memory: a restart refills every bucket.
 */
export function createRefreshLimiter(deps: {
  policy: () => Policy;
  nowMs: () => number;
  /** Called (throttled) when a refresh is refused; must not throw. */
  onLimited: (payload: EventPayload<'refresh.rate_limited'>) => void;
}) {
  const clients = new Map<string, Bucket>();
  const sessions = new Map<string, Bucket>();
  const reported = new Map<string, number>();

  const take = (
    buckets: Map<string, Bucket>,
    key: string,
    capacity: number,
    perMs: number,
    nowMs: number,
  ): number => {
    let bucket = buckets.get(key);
    if (!bucket) {
      if (buckets.size >= sweepAbove) sweep(buckets, capacity, perMs, nowMs);
      bucket = { tokens: capacity, updatedMs: nowMs };
      buckets.set(key, bucket);
    }
    const elapsed = Math.max(0, nowMs - bucket.updatedMs);
    bucket.tokens = Math.min(capacity, bucket.tokens + elapsed * perMs);
    bucket.updatedMs = nowMs;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return (1 - bucket.tokens) / perMs;
  };

  const report = (payload: EventPayload<'refresh.rate_limited'>, nowMs: number): void => {
    const key = `${payload.scope}\0${payload.scope === 'client' ? payload.clientId : payload.sid}`;
    const last = reported.get(key);
    if (last !== undefined && nowMs - last < eventIntervalMs) return;
    if (reported.size >= sweepAbove) {
      for (const [old, at] of reported) if (nowMs - at >= eventIntervalMs) reported.delete(old);
    }
    reported.set(key, nowMs);
    deps.onLimited(payload);
  };

  return {
    /** Takes one refresh from the client's bucket; null if it may go ahead. */
    checkClient(clientId: string): RateLimited | null {
      const rate = deps.policy().clientRefreshesPerSecond;
      if (rate === 0) return null;
      const nowMs = deps.nowMs();
      const waitMs = take(clients, clientId, rate, rate / 1000, nowMs);
      if (waitMs === 0) return null;
      report({ clientId, sid: null, scope: 'client' }, nowMs);
      return { retryAfterSeconds: seconds(waitMs), scope: 'client' };
    },

    /** Takes one refresh from the session's bucket; null if it may go ahead. */
    checkSession(clientId: string, sid: string): RateLimited | null {
      const rate = deps.policy().sessionRefreshesPerMinute;
      if (rate === 0) return null;
      const nowMs = deps.nowMs();
      const waitMs = take(sessions, sid, rate, rate / 60_000, nowMs);
      if (waitMs === 0) return null;
      report({ clientId, sid, scope: 'session' }, nowMs);
      return { retryAfterSeconds: seconds(waitMs), scope: 'session' };
    },
  };
}

/** The refresh rate limiter. */
export type RefreshLimiter = ReturnType<typeof createRefreshLimiter>;

/** Retry-After is whole seconds (RFC 9110 §10.2.3), rounded up, at least 1. */
function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function sweep(buckets: Map<string, Bucket>, capacity: number, perMs: number, nowMs: number): void {
  for (const [key, bucket] of buckets) {
    if (bucket.tokens + (nowMs - bucket.updatedMs) * perMs >= capacity) buckets.delete(key);
  }
}
