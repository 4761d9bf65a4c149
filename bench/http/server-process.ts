/**
 * Child processes for the HTTP benchmarks: every server and the load generator run in a process
 * of their own, so no two of them share an event loop. A child is a TypeScript entry run with
 * tsx, talking to the suite over Node's IPC channel:
 *
 * - the child announces `{ type: 'ready', value }` once it serves (or `{ type: 'failed' }`);
 * - the suite sends `{ id, command, arg }` and gets `{ id, ok, value | error }` back;
 * - every child answers the built-in commands `stats-start`, `stats` (event-loop delay and CPU
 *   since `stats-start`), `profile-start` and `profile-stop` (a V8 CPU profile, summarised by
 *   self time), and exits when the suite disconnects, so none outlives it.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { basename, join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';

// ---------------------------------------------------------------------------------------------
// Child side
// ---------------------------------------------------------------------------------------------

/** A child's command handlers, by name. */
export type CommandHandlers = Record<string, (arg: unknown) => unknown>;

/** What a child's event loop and CPU did between `stats-start` and `stats`. */
export interface ProcessStats {
  readonly wallMs: number;
  /** CPU time of the whole process (main thread, thread pool, GC) ÷ wall time, in %. */
  readonly cpuPercent: number;
  /** The kernel's share of that CPU time (system ÷ user + system), in %. */
  readonly systemPercent: number;
  readonly eventLoopDelay: {
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
  };
  readonly rssMb: number;
}

/** A CPU profile summarised: where the main thread spent its samples. */
export interface ProfileSummary {
  readonly sampledMs: number;
  /** Share of the samples that were not idle. */
  readonly busyPercent: number;
  /** The heaviest functions by self time, `percent` of the non-idle samples. */
  readonly functions: ReadonlyArray<{ readonly name: string; readonly percent: number }>;
  /** The same, grouped by package or source folder. */
  readonly modules: ReadonlyArray<{ readonly name: string; readonly percent: number }>;
  /** Where the full profile was written (open it in Chrome DevTools), if asked. */
  readonly file: string | null;
}

/**
 * Serves the suite's commands in a child and exits when the suite goes away. Returns `ready`,
 * to be called once the child serves.
 */
export function serveCommands(handlers: CommandHandlers): { ready(value: unknown): void } {
  if (!process.send) throw new Error('This entry runs as a child of the HTTP benchmark suite.');
  const send = (message: unknown) => process.send?.(message);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  let since = { wall: performance.now(), cpu: process.cpuUsage() };
  let session: Session | null = null;

  const builtIn: CommandHandlers = {
    'stats-start': () => {
      delay.reset();
      since = { wall: performance.now(), cpu: process.cpuUsage() };
      return null;
    },
    stats: (): ProcessStats => {
      const wallMs = performance.now() - since.wall;
      const cpu = process.cpuUsage(since.cpu);
      return {
        wallMs,
        cpuPercent: ((cpu.user + cpu.system) / 1000 / wallMs) * 100,
        systemPercent: (cpu.system / Math.max(1, cpu.user + cpu.system)) * 100,
        eventLoopDelay: {
          p50Ms: delay.percentile(50) / 1e6,
          p99Ms: delay.percentile(99) / 1e6,
          maxMs: delay.max / 1e6,
        },
        rssMb: process.memoryUsage.rss() / 2 ** 20,
      };
    },
    'profile-start': async () => {
      session = new Session();
      session.connect();
      await session.post('Profiler.enable');
      await session.post('Profiler.setSamplingInterval', { interval: 200 });
      await session.post('Profiler.start');
      return null;
    },
    'profile-stop': async (arg) => {
      if (!session) throw new Error('No profile is being taken.');
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      session = null;
      const file = typeof arg === 'string' ? arg : null;
      if (file) writeFileSync(file, JSON.stringify(profile));
      return summariseProfile(profile as unknown as CpuProfile, file);
    },
  };
  const all = { ...builtIn, ...handlers };

  process.on('message', (message: { id: number; command: string; arg?: unknown }) => {
    const handler = Object.hasOwn(all, message.command) ? all[message.command] : undefined;
    void (async () => {
      try {
        if (!handler) throw new Error(`Unknown command ${message.command}.`);
        send({ id: message.id, ok: true, value: await handler(message.arg) });
      } catch (error) {
        send({ id: message.id, ok: false, error: describe(error) });
      }
    })();
  });
  // The suite went away (finished, failed or killed): nothing is left to serve.
  process.on('disconnect', () => process.exit(0));
  return { ready: (value) => send({ type: 'ready', value }) };
}

/** Reports a child that could not start, then exits. */
export function failStart(error: unknown): never {
  process.send?.({ type: 'failed', error: describe(error) }, () => process.exit(1));
  setTimeout(() => process.exit(1), 1_000).unref();
  throw error;
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function summariseProfile(profile: CpuProfile, file: string | null): ProfileSummary {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const functions = new Map<string, number>();
  const modules = new Map<string, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    const frame = byId.get(id);
    if (!frame) return;
    total += micros;
    if (frame.functionName === '(idle)') {
      idle += micros;
      return;
    }
    const where = frame.url ? `${shortUrl(frame.url)}:${frame.lineNumber + 1}` : '';
    const name = `${frame.functionName || '(anonymous)'}${where ? ` ${where}` : ''}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    const module = moduleOf(frame.url, frame.functionName);
    modules.set(module, (modules.get(module) ?? 0) + micros);
  });
  const busy = total - idle;
  const top = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([name, micros]) => ({ name, percent: round1((micros / Math.max(1, busy)) * 100) }));
  return {
    sampledMs: total / 1000,
    busyPercent: round1((busy / Math.max(1, total)) * 100),
    functions: top(functions, 25),
    modules: top(modules, 15),
    file,
  };
}

function shortUrl(url: string): string {
  const inModules = url.lastIndexOf('node_modules/');
  if (inModules >= 0) return url.slice(inModules + 'node_modules/'.length);
  const inMain = url.search(/\/(main|bench|shared)\//);
  if (inMain >= 0) return url.slice(inMain + 1);
  return url;
}

function moduleOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const inModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inModules) return inModules[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const inMain = /\/((?:main|bench|shared)\/(?:[^/]+\/)?)/.exec(url);
  return inMain ? inMain[1]! : url;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

// ---------------------------------------------------------------------------------------------
// Suite side
// ---------------------------------------------------------------------------------------------

/** A running child. */
export interface Child<Ready> {
  readonly name: string;
  readonly pid: number;
  /** What the child announced when it became ready. */
  readonly ready: Ready;
  call<T = unknown>(command: string, arg?: unknown, timeoutMs?: number): Promise<T>;
  /** The child's recent stderr/stdout, for error messages. */
  output(): string;
  /** Ends the child (disconnect, then SIGTERM, then SIGKILL). Safe to call twice. */
  stop(): Promise<void>;
}

/** Options for {@link startChild}. */
export interface StartChildOptions {
  readonly name: string;
  /** Absolute path of the TypeScript entry. */
  readonly entry: string;
  readonly args?: readonly string[];
  /** How long the child may take to announce itself ready. */
  readonly readyTimeoutMs: number;
  /** Open files the child needs; raised with `ulimit -n` in a shell above the hard limit. */
  readonly openFiles?: number;
  /** Extra Node flags (e.g. `--cpu-prof`). */
  readonly nodeFlags?: readonly string[];
  /**
   * Bundles the entry with esbuild into this folder and runs the bundle with plain Node, as the
   * production build runs (one module, packages loaded from node_modules, no tsx loader and none
   * of the `__name` helpers tsx adds to every named function). Without it the entry runs with tsx.
   */
  readonly bundleInto?: string;
}

/** Starts a TypeScript entry in a child process (tsx) and waits until it says it is ready. */
export async function startChild<Ready>(options: StartChildOptions): Promise<Child<Ready>> {
  const entry = options.bundleInto
    ? await bundle(options.entry, options.bundleInto)
    : options.entry;
  const execArgv = [
    ...(options.bundleInto ? [] : ['--import', 'tsx']),
    ...(options.nodeFlags ?? []),
  ];
  const args = [...(options.args ?? [])];
  const stdio: ['ignore', 'pipe', 'pipe', 'ipc'] = ['ignore', 'pipe', 'pipe', 'ipc'];
  const needed = options.openFiles ?? 0;
  const limits = openFileLimits();
  let child: ChildProcess;
  if (needed > limits.hard) {
    // Node raises its soft limit to the hard one by itself; a higher hard limit needs a shell
    // `ulimit -n` (allowed for root or with CAP_SYS_RESOURCE). Node inherits it through exec,
    // and the IPC channel (NODE_CHANNEL_FD) with it; if the shell may not, the child fails to
    // start and says so.
    child = spawn(
      'sh',
      [
        '-c',
        `ulimit -n ${needed} && exec "$0" "$@"`,
        process.execPath,
        ...execArgv,
        entry,
        ...args,
      ],
      { stdio },
    );
  } else {
    child = fork(entry, args, { execArgv, stdio });
  }
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 60) lines.splice(0, lines.length - 60);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const output = () => lines.join('\n');

  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { reject } of pending.values()) {
        reject(new Error(`${options.name} exited (${signal ?? code}) mid-command:\n${output()}`));
      }
      pending.clear();
      resolve();
    });
  });

  const ready = await new Promise<Ready>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(
          `${options.name} was not ready within ${options.readyTimeoutMs} ms:\n${output()}`,
        ),
      );
    }, options.readyTimeoutMs);
    child.on(
      'message',
      (message: { type?: string; id?: number; ok?: boolean; value?: unknown; error?: string }) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.value as Ready);
        } else if (message.type === 'failed') {
          clearTimeout(timer);
          reject(new Error(`${options.name} could not start: ${message.error}`));
        } else if (message.id !== undefined) {
          const waiter = pending.get(message.id);
          pending.delete(message.id);
          if (message.ok) waiter?.resolve(message.value);
          else waiter?.reject(new Error(`${options.name}: ${message.error}`));
        }
      },
    );
    void exit.then(() => {
      clearTimeout(timer);
      reject(new Error(`${options.name} exited before it was ready:\n${output()}`));
    });
  }).catch(async (error: unknown) => {
    await stopProcess(child, exit, () => exited);
    throw error;
  });

  return {
    name: options.name,
    pid: child.pid ?? -1,
    ready,
    call<T>(command: string, arg?: unknown, timeoutMs = 120_000): Promise<T> {
      if (exited) return Promise.reject(new Error(`${options.name} has exited:\n${output()}`));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${options.name} did not answer ${command} within ${timeoutMs} ms.`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value as T);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.send({ id, command, arg });
      });
    },
    output,
    stop: () => stopProcess(child, exit, () => exited),
  };
}

async function stopProcess(
  child: ChildProcess,
  exit: Promise<void>,
  exited: () => boolean,
): Promise<void> {
  if (exited()) return;
  const wait = (ms: number) =>
    Promise.race([exit, new Promise<void>((resolve) => setTimeout(resolve, ms).unref())]);
  if (child.connected) child.disconnect();
  await wait(2_000);
  if (!exited()) child.kill('SIGTERM');
  await wait(2_000);
  if (!exited()) child.kill('SIGKILL');
  await wait(2_000);
}

/**
 * Bundles a TypeScript entry into `folder` as one ES module. Packages stay external, imported by
 * their resolved file URLs (the bundle lives outside the repository), as electron-vite leaves
 * them external in out/main.
 */
async function bundle(entry: string, folder: string): Promise<string> {
  const { build } = await import('esbuild');
  const outfile = join(folder, `${basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'packages-by-file-url',
        setup(builder) {
          builder.onResolve({ filter: /^[^./]/ }, ({ path }) => {
            if (path.startsWith('node:') || builtinModules.includes(path)) {
              return { path, external: true };
            }
            try {
              return { path: import.meta.resolve(path), external: true };
            } catch {
              // An optional package that is not installed (keytar): only a code path not taken.
              return { path, external: true };
            }
          });
        },
      },
    ],
  });
  return outfile;
}

/** This process's limit on open files (children inherit it). */
export function openFileLimits(): { soft: number; hard: number } {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((row) => row.startsWith('Max open files'));
    const [soft, hard] = (line ?? '').split(/\s{2,}/).slice(1, 3);
    const parse = (value: string | undefined) =>
      value === 'unlimited' ? Number.MAX_SAFE_INTEGER : Number(value);
    if (line && Number.isFinite(parse(soft)) && Number.isFinite(parse(hard))) {
      return { soft: parse(soft), hard: parse(hard) };
    }
  } catch {
    // Not Linux: assume enough and let the run show otherwise.
  }
  return { soft: Number.MAX_SAFE_INTEGER, hard: Number.MAX_SAFE_INTEGER };
}
