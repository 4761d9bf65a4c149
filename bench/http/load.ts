/**
 * The load generator of the HTTP benchmarks: keep-alive HTTP/1.1 over raw sockets to 127.0.0.1,
 * one request in flight per connection, in one of two modes.
 *
 * - **Closed loop** (throughput): each connection sends its next request as soon as the previous
 *   answer is in. Latency is counted from the send; at high concurrency it is bounded below by
 *   connections ÷ throughput (Little's law), so closed-loop runs give rates, not latencies.
 * - **Open loop** (latency): requests are due at a fixed overall rate, evenly spaced (request n
 *   at t0 + n / rate, on connection n mod C), whatever the server answers. A request whose
 *   connection is still busy waits for it, and its latency counts from when it was due (no
 *   coordinated omission); one whose connection is not open yet counts from when it opened, i.e.
 *   "from when it could actually leave". The steady state is the requests due after every
 *   connection was open; the whole run is reported beside it.
 *
 * Why not autocannon for these: its `overallRate` gives each connection a quota per 1 s tick,
 * and the ticks of all connections line up, so the "rate" arrives as one burst a second (at
 * 5,000 connections, 5,000 requests at once); and it times a request from its write, which
 * hides the wait. For refresh chains, each request must carry the latest token of its chain:
 * autocannon can do that with `setupRequest`/`onResponse`, but after a timeout it reconnects
 * and resends, which replays a token the server may already have rotated (reuse detection then
 * revokes the session and the chain fails from there on). Here a chain whose request timed out
 * or failed is retired and the connection takes a spare one. autocannon still cross-checks the
 * closed-loop rate on the bare server (see `crossCheckWithAutocannon`).
 *
 * Every run is bounded: by `maxRequests`, by `durationMs`, and by `timeoutMs` for what is in
 * flight when it ends. Only 127.0.0.1.
 */
import { connect, type Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startChild, type Child } from './server-process';

/** What every request of a run looks like. */
export interface RequestPlan {
  readonly path: string;
  /** The `Authorization` header (client_secret_basic). */
  readonly authorization: string;
  /** The form body; `{token}` stands for the token the request carries (form-encoded). */
  readonly body: string;
  /**
   * Where `{token}` comes from: a set loaded with `tokens`, used as one token for every request
   * (`same`), a new one per request until the set runs out (`distinct`), or one rotation chain
   * per connection whose successor each answer carries (`chain`). Null: no token.
   */
  readonly tokens: { readonly set: string; readonly use: 'same' | 'distinct' | 'chain' } | null;
  /** A 2xx answer must contain this text, or it counts as invalid. */
  readonly expect: string;
}

/** One load run. */
export interface LoadSpec {
  readonly label: string;
  readonly port: number;
  readonly connections: number;
  readonly mode: 'closed' | 'open';
  /** Open loop: requests per second over all connections. */
  readonly ratePerS?: number;
  readonly durationMs: number;
  readonly maxRequests: number;
  /** A request unanswered this long counts as a timeout (autocannon's default: 10 s). */
  readonly timeoutMs?: number;
  readonly request: RequestPlan;
}

/** Latency percentiles in milliseconds. */
export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly p999: number;
  readonly max: number;
  readonly mean: number;
}

/** What a run did. */
export interface LoadResult {
  readonly label: string;
  readonly mode: 'closed' | 'open';
  readonly connections: number;
  readonly ratePerS: number | null;
  /** From the first connect to the last due (open) or the end of sending (closed). */
  readonly windowMs: number;
  readonly sent: number;
  /** 2xx answers containing the expected text. */
  readonly ok: number;
  /** ok answers completed inside the window, per second. */
  readonly okPerS: number;
  readonly non2xx: number;
  readonly invalid: number;
  /** Sockets that failed or closed with a request in flight, and failed connects. */
  readonly errors: number;
  readonly timeouts: number;
  /** Open loop: requests still waiting for their connection when the run ended. */
  readonly unsent: number;
  /** errors + timeouts + non-2xx + invalid + unsent. */
  readonly problems: number;
  readonly statuses: Readonly<Record<string, number>>;
  readonly firstProblem: string | null;
  /** Whole run: open loop from when each request could leave, closed loop from its send. */
  readonly latency: Percentiles;
  /** Open loop: only requests due after every connection was open. */
  readonly steady: Percentiles | null;
  readonly steadyOkPerS: number | null;
  /** Open loop: requests due from 2 s after every connection was open (the tail of the storm gone). */
  readonly settled: Percentiles | null;
  /** Open loop: p99 and max of the requests due in each second of the run. */
  readonly timeline: ReadonlyArray<{
    readonly second: number;
    readonly count: number;
    readonly p99: number;
    readonly max: number;
  }>;
  /** From the send alone (what autocannon reports). */
  readonly fromSend: Percentiles;
  /** Open loop: requests that left more than 5 ms after they could (connection busy, generator lag). */
  readonly late: number;
  readonly connect: {
    readonly allOpenMs: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    readonly failed: number;
    readonly reconnects: number;
  };
  /** `distinct` tokens ran out before the run's bounds. */
  readonly exhausted: boolean;
  /** Chains retired after a failed or timed-out refresh. */
  readonly chainsRetired: number;
  readonly generator: {
    readonly cpuPercent: number;
    readonly eldP99Ms: number;
    readonly eldMaxMs: number;
  };
}

// ---------------------------------------------------------------------------------------------
// The engine (runs inside the load worker process)
// ---------------------------------------------------------------------------------------------

interface TokenSet {
  /** For chains: the latest token of each chain ('' once retired). */
  tokens: string[];
  /** For `distinct`: the next unused token. */
  next: number;
}

const sets = new Map<string, TokenSet>();

/** Loads a token set from a JSON file written by a server: `field` is an array or a string. */
export function loadTokenSet(input: { set: string; file: string; field: string }): number {
  const json = JSON.parse(readFileSync(input.file, 'utf8')) as Record<string, unknown>;
  const value = json[input.field];
  const tokens = typeof value === 'string' ? [value] : (value as string[] | undefined);
  if (!Array.isArray(tokens) || tokens.length === 0) {
    throw new Error(`${input.file} has no tokens in ${input.field}.`);
  }
  sets.set(input.set, { tokens: [...tokens], next: 0 });
  return tokens.length;
}

/** How many tokens of a set are still usable (live chains, unused distinct tokens). */
export function tokenSetSize(set: string): { live: number; unused: number } {
  const found = sets.get(set);
  if (!found) throw new Error(`No token set ${set}.`);
  return {
    live: found.tokens.filter((token) => token !== '').length,
    unused: found.tokens.length - found.next,
  };
}

interface InFlight {
  readonly dueAt: number;
  readonly leaveAt: number;
  readonly sentAt: number;
}

interface Connection {
  readonly index: number;
  socket: Socket | null;
  open: boolean;
  openedAt: number;
  everOpened: boolean;
  inFlight: InFlight | null;
  /** Open loop: due times waiting for this connection. */
  queue: number[];
  received: Buffer | null;
  /** Chain index in the set, -1 without one, -2 when no chain is left. */
  chain: number;
  stopped: boolean;
}

const crlf2 = Buffer.from('\r\n\r\n');
/** A request leaving later than this after it could is counted as late. */
const lateMs = 5;
/** "Settled": due this long after every connection was open. */
const settleMs = 2_000;

/** Runs one load; resolves when everything is answered, timed out or given up. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const timeoutMs = spec.timeoutMs ?? 10_000;
  const open = spec.mode === 'open';
  const rate = open ? (spec.ratePerS ?? 0) : 0;
  if (open && !(rate > 0)) throw new Error('An open-loop run needs ratePerS.');
  const plan = spec.request;
  const set = plan.tokens ? sets.get(plan.tokens.set) : undefined;
  if (plan.tokens && !set) throw new Error(`No token set ${plan.tokens.set}.`);
  const expect = Buffer.from(plan.expect);
  const head = (length: number) =>
    `POST ${plan.path} HTTP/1.1\r\nHost: 127.0.0.1:${spec.port}\r\n` +
    `Authorization: ${plan.authorization}\r\nAccept: application/json\r\n` +
    `Content-Type: application/x-www-form-urlencoded\r\nContent-Length: ${length}\r\n\r\n`;
  const build = (token: string): Buffer => {
    const body = plan.body.replace('{token}', encodeURIComponent(token));
    return Buffer.from(head(Buffer.byteLength(body)) + body);
  };
  const fixed = !plan.tokens
    ? build('')
    : plan.tokens.use === 'same'
      ? build(set!.tokens[0]!)
      : null;

  // Chains: connection i takes the i-th live chain; the rest are spares.
  const liveChains: number[] = [];
  if (plan.tokens?.use === 'chain') {
    set!.tokens.forEach((token, index) => {
      if (token !== '') liveChains.push(index);
    });
    if (liveChains.length < spec.connections) {
      throw new Error(
        `${spec.label}: ${liveChains.length} live chains for ${spec.connections} connections.`,
      );
    }
  }
  let nextSpare = spec.connections;
  let chainsRetired = 0;
  let exhausted = false;

  const total = open
    ? Math.min(spec.maxRequests, Math.floor((rate * spec.durationMs) / 1000))
    : spec.maxRequests;
  const dueAtOf = (n: number) => t0 + (n * 1000) / rate;
  const latencies = new Float64Array(total);
  const fromSend = new Float64Array(total);
  const dues = new Float64Array(total);
  const completedAt = new Float64Array(total);
  let samples = 0;
  let sent = 0;
  let ok = 0;
  let non2xx = 0;
  let invalid = 0;
  let errors = 0;
  let timeouts = 0;
  let late = 0;
  let reconnects = 0;
  let connectFailed = 0;
  let firstProblem: string | null = null;
  const statuses: Record<string, number> = {};
  const connectMs: number[] = [];
  let allOpenAt = Number.NaN;
  let openedCount = 0;
  let sending = true;
  let scheduled = 0;

  const problem = (text: string) => {
    firstProblem ??= text;
  };

  const requestFor = (conn: Connection): Buffer | null => {
    if (fixed) return fixed;
    if (plan.tokens!.use === 'distinct') {
      if (set!.next >= set!.tokens.length) {
        exhausted = true;
        return null;
      }
      return build(set!.tokens[set!.next++]!);
    }
    if (conn.chain < 0) return null;
    return build(set!.tokens[conn.chain]!);
  };

  const retireChain = (conn: Connection) => {
    if (conn.chain < 0) return;
    set!.tokens[conn.chain] = '';
    chainsRetired += 1;
    conn.chain = nextSpare < liveChains.length ? liveChains[nextSpare++]! : -2;
  };

  const connections: Connection[] = Array.from({ length: spec.connections }, (_, index) => ({
    index,
    socket: null,
    open: false,
    openedAt: 0,
    everOpened: false,
    inFlight: null,
    queue: [],
    received: null,
    chain: plan.tokens?.use === 'chain' ? liveChains[index]! : -1,
    stopped: false,
  }));

  /** Sends on an idle open connection, if there is something to send. */
  const pump = (conn: Connection) => {
    if (!conn.open || conn.inFlight || conn.stopped) return;
    let dueAt: number;
    const now = performance.now();
    if (open) {
      const next = conn.queue.shift();
      if (next === undefined) return;
      dueAt = next;
    } else {
      if (!sending || sent >= total) return;
      dueAt = now;
    }
    const buffer = requestFor(conn);
    if (!buffer) {
      // Counted as unsent at the end.
      if (open) conn.queue.unshift(dueAt);
      conn.stopped = true;
      if (!exhausted) problem('a connection ran out of refresh chains');
      return;
    }
    const leaveAt = Math.max(dueAt, conn.openedAt);
    if (open && now - leaveAt > lateMs) late += 1;
    conn.inFlight = { dueAt, leaveAt, sentAt: now };
    sent += 1;
    conn.socket!.write(buffer);
  };

  const finish = (conn: Connection, status: number, body: Buffer | null) => {
    const flight = conn.inFlight!;
    conn.inFlight = null;
    const now = performance.now();
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status >= 200 && status < 300 && body && body.indexOf(expect) >= 0) {
      ok += 1;
      if (conn.chain >= 0) {
        const match = /"refresh_token":"([^"]+)"/.exec(body.toString('latin1'));
        if (match) set!.tokens[conn.chain] = match[1]!;
        else retireChain(conn);
      }
      if (samples < total) {
        latencies[samples] = now - flight.leaveAt;
        fromSend[samples] = now - flight.sentAt;
        dues[samples] = flight.dueAt;
        completedAt[samples] = now;
        samples += 1;
      }
    } else {
      if (status >= 200 && status < 300) {
        invalid += 1;
        problem(`${status} without ${plan.expect}: ${body?.toString('utf8').slice(0, 200)}`);
      } else {
        non2xx += 1;
        problem(`${status}: ${body?.toString('utf8').slice(0, 200)}`);
      }
      retireChain(conn);
    }
  };

  /** Parses what a connection received; returns false when the message is incomplete. */
  const parse = (conn: Connection): boolean => {
    const data = conn.received!;
    const headEnd = data.indexOf(crlf2);
    if (headEnd < 0) return false;
    const status = Number(data.toString('latin1', 9, 12));
    const headText = data.toString('latin1', 0, headEnd).toLowerCase();
    const bodyStart = headEnd + 4;
    let bodyEnd: number;
    let body: Buffer;
    const lengthAt = headText.indexOf('\r\ncontent-length:');
    if (lengthAt >= 0) {
      const length = Number.parseInt(
        headText.slice(lengthAt + 17, headText.indexOf('\r\n', lengthAt + 2) >>> 0),
        10,
      );
      bodyEnd = bodyStart + length;
      if (data.length < bodyEnd) return false;
      body = data.subarray(bodyStart, bodyEnd);
    } else if (headText.includes('\r\ntransfer-encoding: chunked')) {
      const parts: Buffer[] = [];
      let at = bodyStart;
      for (;;) {
        const lineEnd = data.indexOf('\r\n', at);
        if (lineEnd < 0) return false;
        const size = Number.parseInt(data.toString('latin1', at, lineEnd), 16);
        if (size === 0) {
          const trailerEnd = data.indexOf(crlf2, lineEnd);
          if (trailerEnd < 0) return false;
          bodyEnd = trailerEnd + 4;
          break;
        }
        if (data.length < lineEnd + 2 + size + 2) return false;
        parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
        at = lineEnd + 2 + size + 2;
      }
      body = Buffer.concat(parts);
    } else {
      bodyEnd = bodyStart;
      body = Buffer.alloc(0);
    }
    conn.received = data.length > bodyEnd ? data.subarray(bodyEnd) : null;
    const closing = headText.includes('\r\nconnection: close');
    if (conn.inFlight) finish(conn, status, body);
    if (closing) {
      drop(conn, false);
      return false;
    }
    return true;
  };

  /** A socket went away: what was in flight failed; reconnect while the run goes on. */
  const drop = (conn: Connection, failed: boolean, reason?: string) => {
    const socket = conn.socket;
    conn.socket = null;
    conn.open = false;
    conn.received = null;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.destroy();
    }
    if (conn.inFlight) {
      if (failed) {
        errors += 1;
        problem(reason ?? 'connection lost with a request in flight');
      }
      conn.inFlight = null;
      retireChain(conn);
    }
    if (active()) {
      reconnects += 1;
      setTimeout(() => dial(conn), failed ? 50 : 0);
    }
  };

  const dial = (conn: Connection) => {
    if (!active() || conn.stopped) return;
    const startedAt = performance.now();
    const socket = connect({ host: '127.0.0.1', port: spec.port, noDelay: true });
    conn.socket = socket;
    socket.once('connect', () => {
      const now = performance.now();
      conn.open = true;
      conn.openedAt = now;
      if (!conn.everOpened) {
        conn.everOpened = true;
        connectMs.push(now - startedAt);
        openedCount += 1;
        if (openedCount === spec.connections) allOpenAt = now;
      }
      pump(conn);
    });
    socket.on('data', (chunk: Buffer) => {
      conn.received = conn.received ? Buffer.concat([conn.received, chunk]) : chunk;
      while (conn.received && parse(conn)) {
        // another pipelined message would be a bug: one request is in flight at most
      }
      if (conn.socket === socket) pump(conn);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (!conn.open && !conn.everOpened) {
        connectFailed += 1;
        problem(`connect: ${error.code ?? error.message}`);
      }
      drop(conn, conn.inFlight !== null, `socket: ${error.code ?? error.message}`);
    });
    socket.on('close', () => {
      if (conn.socket === socket)
        drop(conn, conn.inFlight !== null, 'closed by the server mid-request');
    });
  };

  // Which phase: sending (until the window ends), then draining what is in flight or queued.
  let t0 = 0;
  let windowEnd = Number.POSITIVE_INFINITY;
  let drainDeadline = Number.POSITIVE_INFINITY;
  const active = () => performance.now() < drainDeadline;

  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const cpuBefore = process.cpuUsage();
  t0 = performance.now();
  for (const conn of connections) dial(conn);

  await new Promise<void>((resolve) => {
    let lastCheck = 0;
    const settleIfDone = () => {
      const now = performance.now();
      if (now - lastCheck < 10) return;
      lastCheck = now;
      const busy = connections.some(
        (conn) => conn.inFlight !== null || (conn.queue.length > 0 && !conn.stopped),
      );
      if ((!sending && !busy) || now >= drainDeadline) {
        clearInterval(ticker);
        clearInterval(sweeper);
        resolve();
      }
    };
    const endSending = () => {
      if (!sending) return;
      sending = false;
      windowEnd = performance.now();
      drainDeadline = windowEnd + timeoutMs + 100;
    };
    const ticker = setInterval(() => {
      const now = performance.now();
      if (open) {
        while (scheduled < total && dueAtOf(scheduled) <= now) {
          const conn = connections[scheduled % spec.connections]!;
          conn.queue.push(dueAtOf(scheduled));
          scheduled += 1;
          pump(conn);
        }
        if (scheduled >= total) endSending();
      } else if (now - t0 >= spec.durationMs || sent >= total || exhausted) {
        endSending();
      }
      if (!sending) settleIfDone();
    }, 1);
    const sweeper = setInterval(() => {
      const now = performance.now();
      for (const conn of connections) {
        if (conn.inFlight && now - conn.inFlight.sentAt > timeoutMs) {
          timeouts += 1;
          problem(`timeout after ${timeoutMs} ms`);
          drop(conn, false);
        }
      }
      // Bound on the whole run, whatever happens.
      if (now - t0 > spec.durationMs + timeoutMs + 5_000) {
        endSending();
        drainDeadline = now;
      }
    }, 50);
  });

  eld.disable();
  const cpu = process.cpuUsage(cpuBefore);
  const elapsedMs = performance.now() - t0;
  sending = false;
  drainDeadline = 0;
  let unsent = 0;
  for (const conn of connections) {
    unsent += conn.queue.length;
    if (conn.inFlight) {
      timeouts += 1;
      problem('still in flight when the run gave up');
      conn.inFlight = null;
      retireChain(conn);
    }
    conn.socket?.removeAllListeners();
    conn.socket?.on('error', () => undefined);
    conn.socket?.destroy();
  }
  if (open) unsent += total - scheduled;

  const windowMs = windowEnd - t0;
  const inWindow = (from: number, to: number) => {
    let count = 0;
    for (let index = 0; index < samples; index += 1) {
      const at = completedAt[index]!;
      if (at >= from && at <= to) count += 1;
    }
    return count;
  };
  let steady: Percentiles | null = null;
  let steadyOkPerS: number | null = null;
  let settled: Percentiles | null = null;
  const timeline: Array<{ second: number; count: number; p99: number; max: number }> = [];
  if (open) {
    const seconds: number[][] = [];
    for (let index = 0; index < samples; index += 1) {
      const second = Math.floor((dues[index]! - t0) / 1000);
      (seconds[second] ??= []).push(latencies[index]!);
    }
    seconds.forEach((values, second) => {
      const stats = percentiles(Float64Array.from(values));
      timeline.push({ second, count: stats.count, p99: stats.p99, max: stats.max });
    });
  }
  if (open && Number.isFinite(allOpenAt)) {
    const picked: number[] = [];
    const later: number[] = [];
    for (let index = 0; index < samples; index += 1) {
      if (dues[index]! >= allOpenAt) picked.push(latencies[index]!);
      if (dues[index]! >= allOpenAt + settleMs) later.push(latencies[index]!);
    }
    steady = percentiles(Float64Array.from(picked));
    settled = later.length > 0 ? percentiles(Float64Array.from(later)) : null;
    const steadyMs = windowEnd - allOpenAt;
    steadyOkPerS = steadyMs > 0 ? (inWindow(allOpenAt, windowEnd) / steadyMs) * 1000 : null;
  }
  const sortedConnect = Float64Array.from(connectMs).sort();
  const problems = errors + timeouts + non2xx + invalid + unsent;
  return {
    label: spec.label,
    mode: spec.mode,
    connections: spec.connections,
    ratePerS: open ? rate : null,
    windowMs,
    sent,
    ok,
    okPerS: (inWindow(t0, windowEnd) / windowMs) * 1000,
    non2xx,
    invalid,
    errors: errors + connectFailed,
    timeouts,
    unsent,
    problems: problems + connectFailed,
    statuses,
    firstProblem,
    latency: percentiles(latencies.subarray(0, samples)),
    steady,
    steadyOkPerS,
    settled,
    timeline,
    fromSend: percentiles(fromSend.subarray(0, samples)),
    late,
    connect: {
      allOpenMs: Number.isFinite(allOpenAt) ? allOpenAt - t0 : Number.NaN,
      p50Ms: quantile(sortedConnect, 0.5),
      p99Ms: quantile(sortedConnect, 0.99),
      maxMs: sortedConnect.length > 0 ? sortedConnect[sortedConnect.length - 1]! : Number.NaN,
      failed: connectFailed,
      reconnects,
    },
    exhausted,
    chainsRetired,
    generator: {
      cpuPercent: ((cpu.user + cpu.system) / 1000 / elapsedMs) * 100,
      eldP99Ms: eld.percentile(99) / 1e6,
      eldMaxMs: eld.max / 1e6,
    },
  };
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function percentiles(values: Float64Array): Percentiles {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    p99: quantile(sorted, 0.99),
    p999: quantile(sorted, 0.999),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN,
    mean: sorted.length > 0 ? sum / sorted.length : Number.NaN,
  };
}

/** What autocannon measured for the same closed-loop request, for a cross-check. */
export interface AutocannonCheck {
  readonly requestsPerS: number;
  readonly p99Ms: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

/** Runs autocannon (closed loop, fixed request) in this process: the load worker. */
export async function crossCheckWithAutocannon(input: {
  port: number;
  path: string;
  authorization: string;
  body: string;
  connections: number;
  durationS: number;
}): Promise<AutocannonCheck> {
  const { default: autocannon } = await import('autocannon');
  const result = await autocannon({
    url: `http://127.0.0.1:${input.port}${input.path}`,
    method: 'POST',
    headers: {
      authorization: input.authorization,
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: input.body,
    connections: input.connections,
    duration: input.durationS,
  });
  return {
    requestsPerS: result.requests.average,
    p99Ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

// ---------------------------------------------------------------------------------------------
// Suite side
// ---------------------------------------------------------------------------------------------

/** The load generator, in a process of its own. */
export interface LoadWorker {
  loadTokens(set: string, file: string, field: string): Promise<number>;
  tokenSetSize(set: string): Promise<{ live: number; unused: number }>;
  run(spec: LoadSpec): Promise<LoadResult>;
  autocannon(input: Parameters<typeof crossCheckWithAutocannon>[0]): Promise<AutocannonCheck>;
  stats(): Child<unknown>;
  stop(): Promise<void>;
}

/** Starts the load worker; `openFiles` must cover its connections. */
export async function startLoadWorker(options: { openFiles: number }): Promise<LoadWorker> {
  const child = await startChild<null>({
    name: 'load generator',
    entry: new URL('./load-worker.ts', import.meta.url).pathname,
    readyTimeoutMs: 30_000,
    openFiles: options.openFiles,
  });
  return {
    loadTokens: (set, file, field) => child.call<number>('load-tokens', { set, file, field }),
    tokenSetSize: (set) => child.call('token-set-size', set),
    run: (spec) =>
      child.call<LoadResult>('run', spec, spec.durationMs + (spec.timeoutMs ?? 10_000) + 30_000),
    autocannon: (input) =>
      child.call<AutocannonCheck>('autocannon', input, input.durationS * 1000 + 30_000),
    stats: () => child,
    stop: () => child.stop(),
  };
}

/** `Authorization: Basic` for a client (RFC 6749 §2.3.1 encoding). */
export function basicAuth(clientId: string, secret: string): string {
  const encode = (text: string) => encodeURIComponent(text).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${encode(clientId)}:${encode(secret)}`).toString('base64')}`;
}

/** One line for humans about a run. */
export function describeRun(result: LoadResult): string {
  const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '–');
  const parts = [
    `${result.label}: ${Math.round(result.okPerS)}/s ok`,
    `${result.connections} conns ${result.mode}${result.ratePerS ? ` @${result.ratePerS}/s` : ''}`,
    `p50 ${ms(result.latency.p50)} p99 ${ms(result.latency.p99)} max ${ms(result.latency.max)} ms`,
  ];
  if (result.steady) {
    parts.push(`steady p99 ${ms(result.steady.p99)} ms (n ${result.steady.count})`);
  }
  if (result.settled) {
    parts.push(`settled (+2 s) p99 ${ms(result.settled.p99)} ms`);
  }
  if (result.mode === 'open') {
    parts.push(`from send p99 ${ms(result.fromSend.p99)} ms, late ${result.late}`);
    parts.push(
      `all open after ${ms(result.connect.allOpenMs)} ms (connect p99 ${ms(result.connect.p99Ms)}, max ${ms(result.connect.maxMs)})`,
    );
  }
  parts.push(
    `errors ${result.errors} timeouts ${result.timeouts} non-2xx ${result.non2xx} invalid ${result.invalid}` +
      (result.unsent ? ` unsent ${result.unsent}` : '') +
      (result.chainsRetired ? ` chains retired ${result.chainsRetired}` : ''),
  );
  parts.push(
    `generator CPU ${Math.round(result.generator.cpuPercent)}% ELD p99 ${ms(result.generator.eldP99Ms)} ms`,
  );
  if (result.firstProblem) parts.push(`first problem: ${result.firstProblem}`);
  if (result.timeline.length > 0) {
    parts.push(
      `p99/max by second due: ${result.timeline
        .map((entry) => `${entry.second}:${Math.round(entry.p99)}/${Math.round(entry.max)}`)
        .join(' ')}`,
    );
  }
  return parts.join('; ');
}
