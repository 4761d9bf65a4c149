/**
 * HTTP load benchmarks of Tessera's token service, against a bare node:http server (the ceiling)
 * and oidc-provider 9 (the peer), in the same run on the same machine. Each server runs in a
 * process of its own, and so does the load generator (bench/http/load.ts): none shares an event
 * loop with another. The three servers are bundled with esbuild into the run's temporary folder
 * and run with plain Node, as the production build runs (packages from node_modules, no tsx).
 * Everything listens and is loaded on 127.0.0.1 only, and every load is bounded in requests and
 * time.
 *
 * Figures (medians over rounds where there are rounds; ratios are per round, then the median):
 *
 * - `refresh_per_s`: POST /token grant_type=refresh_token with rotation, durable (SQLite WAL,
 *   synchronous = FULL), client_secret_basic, 100 connections closed-loop, each connection
 *   refreshing its own chain with the latest token. `oidc_provider_refresh_per_s`: the same
 *   against oidc-provider (Map adapter, in memory, ES256 JWT access tokens).
 *   `refresh_vs_oidc_provider` = the two, per round (target ≥ 2.5).
 * - `refresh_p99_ms`: 1,000 connections, 2,000 refreshes/s overall, open loop, p99 from when
 *   each request was due (from when its connection opened, if later), steady state, i.e. the
 *   requests due once every connection was open (target < 50); `refresh_p99_whole_ms` over the
 *   whole run and `refresh_p99_errors` (errors + timeouts + non-2xx + unanswered) beside it.
 * - `introspect_hit_vs_ceiling`: POST /introspect of one access token over and over (a verify
 *   cache hit), 100 connections closed-loop, ÷ the bare server answering fixed JSON of the same
 *   size (target ≥ 0.7); `introspect_hit_per_s`, `introspect_ceiling_per_s` beside it.
 *   `introspect_cold_per_s`: distinct access tokens, each introspected once (signature checked).
 *   `oidc_provider_introspect_opaque_per_s`: oidc-provider introspecting an OPAQUE access token
 *   (it refuses to introspect JWT access tokens), same load.
 * - `c5000_p99_ms` (target < 20), `c5000_errors` (errors + timeouts + non-2xx + unanswered,
 *   target 0), `c5000_p99_vs_ceiling`: 5,000 connections opened at once, introspection of one
 *   token at 5,000 requests/s overall for 20 s, open loop; p99 in the steady state (after every
 *   connection is open), ÷ the bare server's under the same load in the same run.
 *   `c5000_p99_whole_ms` and `c5000_ceiling_p99_ms` beside them; `c5000_listen_overflows` counts
 *   the kernel's accept-queue overflows during Tessera's run (Node's default backlog is 511),
 *   `c5000_all_open_ms` when its last connection opened; `c5000_ceiling_backlog4096_*` the bare
 *   server listening with a 4,096 backlog under the same load (what the backlog alone changes).
 *   Progress lines add p99 per second of the run and a "settled" p99 (from 2 s after all open).
 *   Full runs only; quick runs print a progress note instead.
 *
 * `benchHttp(options, parts)` runs only the named parts (`refresh`: the closed and open refresh
 * rounds; `introspect`: the closed introspection rounds; `c5000`), for working on one of them;
 * the runner always runs all three.
 *
 * Environment: TESSERA_BENCH_HTTP_PROFILE=<folder> takes V8 CPU profiles of Tessera's process
 * during one refresh round, one round of each introspection and the c5000 run, writes them there
 * and prints the heaviest functions (the profiler itself costs throughput: not for figures).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  median,
  roundTo,
  inTurns,
  settle,
  withTempDir,
  type BenchFigure,
  type SuiteOptions,
} from './bench-helpers';
import type { CeilingReady } from './http/ceiling-server';
import {
  basicAuth,
  describeRun,
  startLoadWorker,
  type LoadResult,
  type LoadSpec,
  type LoadWorker,
  type RequestPlan,
} from './http/load';
import { peerClients, peerPaths, type PeerReady } from './http/oidc-provider-peer';
import {
  startChild,
  type Child,
  type ProcessStats,
  type ProfileSummary,
} from './http/server-process';
import {
  tesseraClients,
  tesseraConfig,
  tesseraPaths,
  type TesseraReady,
} from './http/tessera-server';

const here = new URL('./http/', import.meta.url).pathname;

/** Sizes of a run. */
interface Plan {
  readonly rounds: number;
  readonly warmupMs: number;
  readonly closed: { readonly connections: number; readonly durationMs: number };
  readonly refreshOpen: {
    readonly connections: number;
    readonly ratePerS: number;
    readonly durationMs: number;
    readonly rounds: number;
  };
  readonly coldPerRound: number;
  readonly coldWarmup: number;
  readonly c5000: {
    readonly connections: number;
    readonly ratePerS: number;
    readonly durationMs: number;
  } | null;
  readonly autocannonCheckS: number;
}

const quickPlan: Plan = {
  rounds: 1,
  warmupMs: 300,
  closed: { connections: 10, durationMs: 400 },
  refreshOpen: { connections: 50, ratePerS: 200, durationMs: 1_000, rounds: 1 },
  coldPerRound: 1_000,
  coldWarmup: 500,
  c5000: null,
  autocannonCheckS: 0,
};

const fullPlan: Plan = {
  rounds: 3,
  warmupMs: 2_000,
  closed: { connections: 100, durationMs: 5_000 },
  refreshOpen: { connections: 1_000, ratePerS: 2_000, durationMs: 15_000, rounds: 2 },
  coldPerRound: 25_000,
  coldWarmup: 5_000,
  c5000: { connections: 5_000, ratePerS: 5_000, durationMs: 20_000 },
  autocannonCheckS: 3,
};

/** Spare refresh chains, for chains retired after a failed or timed-out refresh. */
const spareChains = 300;

/** The parts of the suite that can be run alone. */
export type HttpBenchPart = 'refresh' | 'introspect' | 'c5000';

export async function benchHttp(
  options: SuiteOptions,
  parts: ReadonlySet<HttpBenchPart> = new Set(['refresh', 'introspect', 'c5000']),
): Promise<BenchFigure[]> {
  const plan = options.quick ? quickPlan : fullPlan;
  const progress = options.progress ?? (() => undefined);
  const profileDir = process.env.TESSERA_BENCH_HTTP_PROFILE || null;

  return withTempDir('http', async (folder) => {
    const children: Array<{ stop(): Promise<void> }> = [];
    try {
      const configFile = join(folder, 'tessera-config.json');
      writeFileSync(configFile, JSON.stringify(tesseraConfig));
      const openFiles = (plan.c5000?.connections ?? 1_000) * 2 + 2_000;
      const chains = plan.closed.connections + plan.refreshOpen.connections + spareChains;
      const cold = plan.coldPerRound * plan.rounds + plan.coldWarmup;
      const started = performance.now();
      const startCeiling = (name: string, backlog: number | null) =>
        startChild<CeilingReady>({
          name,
          entry: join(here, 'ceiling-server.ts'),
          args: backlog === null ? [] : ['--backlog', String(backlog)],
          readyTimeoutMs: 30_000,
          openFiles,
          bundleInto: folder,
        });
      // Started together; every child that starts is stopped at the end, even if another failed.
      const startedChildren = await Promise.allSettled([
        startLoadWorker({ openFiles }),
        startCeiling('ceiling', null),
        startChild<PeerReady>({
          name: 'oidc-provider',
          entry: join(here, 'oidc-provider-peer.ts'),
          args: [
            '--tokens-file',
            join(folder, 'peer-tokens.json'),
            '--chains',
            String(plan.closed.connections + spareChains),
            '--opaque',
            '1',
          ],
          readyTimeoutMs: 60_000,
          openFiles,
          bundleInto: folder,
        }),
        startChild<TesseraReady>({
          name: 'tessera',
          entry: join(here, 'tessera-server.ts'),
          args: [
            '--data-dir',
            folder,
            '--config',
            configFile,
            '--tokens-file',
            join(folder, 'tessera-tokens.json'),
            '--chains',
            String(chains),
            '--cold',
            String(cold),
            '--real-logins',
            options.quick ? '2' : '10',
          ],
          readyTimeoutMs: 180_000,
          openFiles,
          bundleInto: folder,
        }),
      ] as const);
      for (const outcome of startedChildren) {
        if (outcome.status === 'fulfilled') children.push(outcome.value);
      }
      const failure = startedChildren.find((outcome) => outcome.status === 'rejected');
      if (failure) throw failure.reason;
      const [load, ceiling, peer, tessera] = startedChildren.map(
        (outcome) => (outcome as PromiseFulfilledResult<unknown>).value,
      ) as [LoadWorker, Child<CeilingReady>, Child<PeerReady>, Child<TesseraReady>];
      const real = tessera.ready.realLoginMs;
      progress(
        `http: servers up in ${seconds(performance.now() - started)} s — Tessera ${tessera.ready.url} ` +
          `(synchronous=${tessera.ready.synchronous}; ${real.length} logins through /authorize → /token ` +
          `in ${real.map((ms) => Math.round(ms)).join(', ')} ms; ${chains - real.length} chains and ${cold} access ` +
          `tokens minted (tokens.login, tokens.issueClientToken) in ${seconds(tessera.ready.mintMs)} s), oidc-provider ` +
          `${peer.ready.version} ${peer.ready.url}, ceiling ${ceiling.ready.url}`,
      );

      await load.loadTokens('tessera-chains', tessera.ready.tokensFile, 'chains');
      await load.loadTokens('tessera-hot', tessera.ready.tokensFile, 'hot');
      await load.loadTokens('tessera-cold', tessera.ready.tokensFile, 'cold');
      await load.loadTokens('peer-chains', peer.ready.tokensFile, 'chains');
      await load.loadTokens('peer-opaque', peer.ready.tokensFile, 'opaque');

      const requests = {
        tesseraRefresh: {
          path: tesseraPaths.token,
          authorization: basicAuth(tesseraClients.web.id, tesseraClients.web.secret),
          body: 'grant_type=refresh_token&refresh_token={token}',
          tokens: { set: 'tessera-chains', use: 'chain' },
          expect: '"refresh_token"',
        },
        peerRefresh: {
          path: peerPaths.token,
          authorization: basicAuth(peerClients.web.id, peerClients.web.secret),
          body: 'grant_type=refresh_token&refresh_token={token}',
          tokens: { set: 'peer-chains', use: 'chain' },
          expect: '"refresh_token"',
        },
        tesseraHit: {
          path: tesseraPaths.introspect,
          authorization: basicAuth(tesseraClients.api.id, tesseraClients.api.secret),
          body: 'token={token}&token_type_hint=access_token',
          tokens: { set: 'tessera-hot', use: 'same' },
          expect: '"active":true',
        },
        tesseraCold: {
          path: tesseraPaths.introspect,
          authorization: basicAuth(tesseraClients.api.id, tesseraClients.api.secret),
          body: 'token={token}&token_type_hint=access_token',
          tokens: { set: 'tessera-cold', use: 'distinct' },
          expect: '"active":true',
        },
        peerOpaque: {
          path: peerPaths.introspect,
          authorization: basicAuth(peerClients.api.id, peerClients.api.secret),
          body: 'token={token}&token_type_hint=access_token',
          tokens: { set: 'peer-opaque', use: 'same' },
          expect: '"active":true',
        },
        ceiling: {
          path: '/introspect',
          authorization: basicAuth(tesseraClients.api.id, tesseraClients.api.secret),
          body: 'token={token}&token_type_hint=access_token',
          tokens: { set: 'tessera-hot', use: 'same' },
          expect: '"active":true',
        },
      } satisfies Record<string, RequestPlan>;

      /** A closed-loop run; one with more than 0.1 % failures yields no figure. */
      const closed = async (
        label: string,
        server: Child<unknown>,
        request: RequestPlan,
        overrides: Partial<LoadSpec> = {},
      ): Promise<LoadResult> => {
        const port = (server.ready as { port: number }).port;
        const { result, stats } = await measured(server, () =>
          load.run({
            label,
            port,
            connections: plan.closed.connections,
            mode: 'closed',
            durationMs: plan.closed.durationMs,
            maxRequests: 2_000_000,
            request,
            ...overrides,
          }),
        );
        progress(`${describeRun(result)} | ${describeStats(server.name, stats)}`);
        if (result.ok === 0 || result.problems > result.sent * 0.001) {
          throw new Error(`${label} failed: ${describeRun(result)}\n${server.output()}`);
        }
        return result;
      };

      /** A profile of Tessera's process around `work`, when asked for. */
      const profiled = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
        if (!profileDir) return work();
        await tessera.call('profile-start');
        try {
          return await work();
        } finally {
          const file = join(profileDir, `tessera-${name}.cpuprofile`);
          const summary = await tessera.call<ProfileSummary>('profile-stop', file);
          progress(describeProfile(name, summary));
        }
      };

      // Warm-up (untimed): JIT, caches, the first client authentication of each client.
      // The introspecting client has never authenticated: its first concurrent requests show
      // what a cold client-secret cache costs.
      const coldAuth = await load.run({
        label: 'warm-up tessera introspect (first requests of bench-api)',
        port: tessera.ready.port,
        connections: plan.closed.connections,
        mode: 'closed',
        durationMs: Math.min(plan.warmupMs, 500),
        maxRequests: plan.closed.connections,
        request: requests.tesseraHit,
      });
      progress(
        `${describeRun(coldAuth)} (the first requests of a client whose secret is not yet ` +
          'cached wait for one shared scrypt)',
      );
      const warm = { durationMs: plan.warmupMs };
      for (const [server, request] of [
        [tessera, requests.tesseraRefresh],
        [peer, requests.peerRefresh],
        [tessera, requests.tesseraHit],
        [peer, requests.peerOpaque],
        [ceiling, requests.ceiling],
      ] as const) {
        await closed(`warm-up ${server.name}`, server, request, warm);
      }
      await closed('warm-up tessera cold', tessera, requests.tesseraCold, {
        durationMs: plan.warmupMs,
        maxRequests: plan.coldWarmup,
      });

      const figures: BenchFigure[] = [];

      if (parts.has('refresh')) {
        // Refresh, closed loop: Tessera against oidc-provider, alternating which goes first.
        const refresh = await inTurns(plan.rounds, ['tessera', 'peer'], async (side, round) => {
          const label = `r${round + 1}`;
          if (side === 'peer') {
            return (await closed(`oidc-provider refresh ${label}`, peer, requests.peerRefresh))
              .okPerS;
          }
          const run = () => closed(`tessera refresh ${label}`, tessera, requests.tesseraRefresh);
          return (round === 0 ? await profiled('refresh', run) : await run()).okPerS;
        });
        figures.push(
          rateFigure('refresh_per_s', refresh.tessera),
          rateFigure('oidc_provider_refresh_per_s', refresh.peer),
          ratioFigure(
            'refresh_vs_oidc_provider',
            refresh.tessera.map((rate, round) => rate / refresh.peer[round]!),
            2.5,
          ),
        );
      }

      if (parts.has('introspect')) {
        // Introspection, closed loop: the ceiling, Tessera (cache hit), oidc-provider (opaque),
        // Tessera (cold, distinct tokens), in rotating order.
        const sides = ['ceiling', 'hit', 'peer', 'cold'] as const;
        const introspect = await inTurns(plan.rounds, sides, async (side, round) => {
          const label = `r${round + 1}`;
          if (side === 'ceiling') {
            return (await closed(`ceiling introspect ${label}`, ceiling, requests.ceiling)).okPerS;
          }
          if (side === 'peer') {
            return (
              await closed(`oidc-provider introspect opaque ${label}`, peer, requests.peerOpaque)
            ).okPerS;
          }
          if (side === 'hit') {
            const run = () =>
              closed(`tessera introspect hit ${label}`, tessera, requests.tesseraHit);
            return (round === 0 ? await profiled('introspect-hit', run) : await run()).okPerS;
          }
          const run = () =>
            closed(`tessera introspect cold ${label}`, tessera, requests.tesseraCold, {
              maxRequests: plan.coldPerRound,
            });
          const result = round === 0 ? await profiled('introspect-cold', run) : await run();
          if (result.exhausted)
            progress(`(cold tokens ran out after ${result.ok}: bounded by count)`);
          return result.okPerS;
        });
        figures.push(
          rateFigure('introspect_hit_per_s', introspect.hit),
          rateFigure('introspect_ceiling_per_s', introspect.ceiling),
          ratioFigure(
            'introspect_hit_vs_ceiling',
            introspect.hit.map((rate, round) => rate / introspect.ceiling[round]!),
            0.7,
          ),
          rateFigure('introspect_cold_per_s', introspect.cold),
          rateFigure('oidc_provider_introspect_opaque_per_s', introspect.peer),
        );

        if (plan.autocannonCheckS > 0) {
          const check = await load.autocannon({
            port: ceiling.ready.port,
            path: '/introspect',
            authorization: requests.ceiling.authorization,
            body: 'token=x&token_type_hint=access_token',
            connections: plan.closed.connections,
            durationS: plan.autocannonCheckS,
          });
          progress(
            `cross-check: autocannon on the ceiling, ${plan.closed.connections} connections: ` +
              `${Math.round(check.requestsPerS)}/s, p99 ${check.p99Ms} ms, errors ${check.errors}, ` +
              `timeouts ${check.timeouts}, non-2xx ${check.non2xx} (this harness: median ` +
              `${Math.round(median(introspect.ceiling))}/s)`,
          );
        }
      }

      if (parts.has('refresh')) {
        // Refresh latency, open loop.
        const open = { steady: [] as number[], whole: [] as number[], problems: 0 };
        for (let round = 0; round < plan.refreshOpen.rounds; round += 1) {
          await settle();
          const { result, stats } = await measured(tessera, () =>
            load.run({
              label: `tessera refresh open r${round + 1}`,
              port: tessera.ready.port,
              connections: plan.refreshOpen.connections,
              mode: 'open',
              ratePerS: plan.refreshOpen.ratePerS,
              durationMs: plan.refreshOpen.durationMs,
              maxRequests: plan.refreshOpen.ratePerS * (plan.refreshOpen.durationMs / 1000),
              request: requests.tesseraRefresh,
            }),
          );
          progress(`${describeRun(result)} | ${describeStats('tessera', stats)}`);
          if (result.ok === 0 || !result.steady)
            throw new Error(`No refresh succeeded: ${describeRun(result)}`);
          open.steady.push(result.steady.p99);
          open.whole.push(result.latency.p99);
          open.problems += result.problems;
        }
        figures.push(
          {
            id: 'refresh_p99_ms',
            value: roundTo(median(open.steady), 1),
            unit: 'ms',
            target: { op: '<', value: 50 },
          },
          { id: 'refresh_p99_whole_ms', value: roundTo(median(open.whole), 1), unit: 'ms' },
          { id: 'refresh_p99_errors', value: open.problems, unit: 'count' },
        );
      }

      if (!parts.has('c5000')) return figures;
      if (!plan.c5000) {
        progress('c5000: skipped in quick mode (5,000 connections for 20 s; run `npm run bench`)');
        return figures;
      }

      // 5,000 connections at once: the bare server, then Tessera, under the same open load.
      const c5000 = plan.c5000;
      const fiveThousand = async (label: string, server: Child<unknown>, request: RequestPlan) => {
        await pause(3_000);
        const before = listenCounters();
        const run = () =>
          measured(server, () =>
            load.run({
              label,
              port: (server.ready as { port: number }).port,
              connections: c5000.connections,
              mode: 'open',
              ratePerS: c5000.ratePerS,
              durationMs: c5000.durationMs,
              maxRequests: c5000.ratePerS * (c5000.durationMs / 1000),
              request,
            }),
          );
        const { result, stats } = server === tessera ? await profiled('c5000', run) : await run();
        const after = listenCounters();
        const overflows = after.overflows - before.overflows;
        progress(
          `${describeRun(result)} | ${describeStats(server.name, stats)} | accept queue: ` +
            `${overflows} overflows, ${after.drops - before.drops} drops, ` +
            `${after.cookies - before.cookies} SYN cookies`,
        );
        if (result.ok === 0 || !result.steady) throw new Error(`${label}: nothing answered`);
        return { result, overflows };
      };
      const bare = await fiveThousand('c5000 ceiling', ceiling, requests.ceiling);
      const ours = await fiveThousand('c5000 tessera', tessera, requests.tesseraHit);
      // The same bare server with a 4,096 backlog: what the listen backlog alone changes.
      const deep = await startCeiling('ceiling (backlog 4096)', 4_096);
      children.push(deep);
      const deepRun = await fiveThousand('c5000 ceiling backlog 4096', deep, requests.ceiling);
      const steady = ours.result.steady!;
      figures.push(
        {
          id: 'c5000_p99_ms',
          value: roundTo(steady.p99, 1),
          unit: 'ms',
          target: { op: '<', value: 20 },
        },
        {
          id: 'c5000_errors',
          value: ours.result.problems,
          unit: 'count',
          target: { op: '<', value: 1 },
        },
        {
          id: 'c5000_p99_vs_ceiling',
          value: roundTo(steady.p99 / bare.result.steady!.p99, 2),
          unit: 'x',
        },
        { id: 'c5000_p99_whole_ms', value: roundTo(ours.result.latency.p99, 1), unit: 'ms' },
        { id: 'c5000_ceiling_p99_ms', value: roundTo(bare.result.steady!.p99, 1), unit: 'ms' },
        {
          id: 'c5000_ceiling_p99_whole_ms',
          value: roundTo(bare.result.latency.p99, 1),
          unit: 'ms',
        },
        {
          id: 'c5000_all_open_ms',
          value: Math.round(ours.result.connect.allOpenMs),
          unit: 'ms',
        },
        { id: 'c5000_listen_overflows', value: ours.overflows, unit: 'count' },
        {
          id: 'c5000_ceiling_backlog4096_all_open_ms',
          value: Math.round(deepRun.result.connect.allOpenMs),
          unit: 'ms',
        },
        {
          id: 'c5000_ceiling_backlog4096_p99_whole_ms',
          value: roundTo(deepRun.result.latency.p99, 1),
          unit: 'ms',
        },
      );
      return figures;
    } finally {
      await Promise.all(children.map((child) => child.stop()));
    }
  });
}

/** Runs `work` between the server's `stats-start` and `stats`. */
/** A rate figure: the median of the rounds' rates, per second. */
function rateFigure(id: string, rates: number[]): BenchFigure {
  return { id, value: Math.round(median(rates)), unit: 'per_s' };
}

/** A same-run ratio figure with the "at least" target. */
function ratioFigure(id: string, ratios: number[], atLeast: number): BenchFigure {
  return { id, value: roundTo(median(ratios), 2), unit: 'x', target: { op: '>=', value: atLeast } };
}

async function measured<T>(
  server: Child<unknown>,
  work: () => Promise<T>,
): Promise<{ result: T; stats: ProcessStats }> {
  await server.call('stats-start');
  const result = await work();
  const stats = await server.call<ProcessStats>('stats');
  return { result, stats };
}

function describeStats(name: string, stats: ProcessStats): string {
  const { eventLoopDelay: delay } = stats;
  return (
    `${name}: CPU ${Math.round(stats.cpuPercent)}% (${Math.round(stats.systemPercent)}% of it kernel), event-loop delay p50 ${delay.p50Ms.toFixed(1)} ` +
    `p99 ${delay.p99Ms.toFixed(1)} max ${delay.maxMs.toFixed(1)} ms, RSS ${Math.round(stats.rssMb)} MB`
  );
}

function describeProfile(name: string, summary: ProfileSummary): string {
  const list = (items: ProfileSummary['functions'], count: number) =>
    items
      .slice(0, count)
      .map((item) => `${item.percent}% ${item.name}`)
      .join('; ');
  return (
    `profile ${name} (${summary.file}): main thread busy ${summary.busyPercent}% of ` +
    `${Math.round(summary.sampledMs)} ms; by module: ${list(summary.modules, 10)}; ` +
    `heaviest functions: ${list(summary.functions, 15)}`
  );
}

/** The kernel's accept-queue counters (TcpExt), for this network namespace. */
function listenCounters(): { overflows: number; drops: number; cookies: number } {
  try {
    const lines = readFileSync('/proc/net/netstat', 'utf8').split('\n');
    const names = lines.find((line) => line.startsWith('TcpExt:'))?.split(/\s+/) ?? [];
    const values = lines.filter((line) => line.startsWith('TcpExt:'))[1]?.split(/\s+/) ?? [];
    const read = (name: string) => Number(values[names.indexOf(name)] ?? 0);
    return {
      overflows: read('ListenOverflows'),
      drops: read('ListenDrops'),
      cookies: read('SyncookiesSent'),
    };
  } catch {
    return { overflows: 0, drops: 0, cookies: 0 };
  }
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
