import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { build } from 'esbuild';

/** How many times to kill the child, and why that many (printed by the test). */
export function killCount(env: NodeJS.ProcessEnv): { kills: number; why: string } {
  const asked = env.TESSERA_DURABILITY_KILLS;
  if (asked !== undefined && asked !== '') {
    const kills = Number(asked);
    if (!Number.isSafeInteger(kills) || kills < 1) {
      throw new Error(`TESSERA_DURABILITY_KILLS must be a positive integer, not "${asked}".`);
    }
    return { kills, why: 'from TESSERA_DURABILITY_KILLS' };
  }
  if (env.CI) return { kills: 200, why: 'CI is set' };
  return { kills: 40, why: 'default outside CI; CI=true or TESSERA_DURABILITY_KILLS=n for more' };
}

/** How to start the child: a command and the arguments before `<dbFile> <masterKey>`. */
export interface ChildCommand {
  readonly command: string;
  readonly args: readonly string[];
}

const childSource = fileURLToPath(new URL('./churn-child.ts', import.meta.url));

/**
 * Bundles churn-child.ts into `outDir` and returns how to run it with plain node: READY comes
 * about 3.5 times sooner than under `node --import tsx` (0.3 s against 1.1 s on a busy 2-core
 * machine). better-sqlite3 stays outside the bundle (it is a native addon) and is imported by its
 * absolute path, since the bundle lives in a temp folder with no node_modules above it. keytar is
 * only ever loaded by a dynamic import that the child never reaches (keychain: null).
 */
export async function bundleChild(outDir: string): Promise<ChildCommand> {
  const outfile = join(outDir, 'churn-child.mjs');
  const require = createRequire(import.meta.url);
  await build({
    entryPoints: [childSource],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    plugins: [
      {
        name: 'native-addons-by-path',
        setup(builder) {
          builder.onResolve({ filter: /^better-sqlite3$/ }, (args) => ({
            path: pathToFileURL(require.resolve(args.path)).href,
            external: true,
          }));
        },
      },
    ],
  });
  return { command: process.execPath, args: [outfile] };
}

/** What one killed child left behind. */
export interface KilledRun {
  /** Every complete line after READY; a last line cut short by the kill is not included. */
  readonly lines: string[];
  /** The bytes after the last newline, if the kill cut a line short. */
  readonly partial: string;
  readonly startMs: number;
  readonly ranMs: number;
}

/** The child currently running, so that the test can kill it if it gives up midway. */
let running: ChildProcess | null = null;

/** SIGKILLs the child still running, if any (for afterAll). */
export function killLeftoverChild(): void {
  running?.kill('SIGKILL');
  running = null;
}

/**
 * Starts the child, waits for its READY line, lets it churn for `runMs`, then SIGKILLs it and
 * resolves with what it printed once its stdout is closed. Rejects if it does not become ready
 * within `readyTimeoutMs` or exits by itself (the child only exits on its own when something is
 * wrong; its stderr is in the message).
 */
export function runThenKill(
  child: ChildCommand,
  childArgs: readonly string[],
  options: { runMs: number; readyTimeoutMs: number },
): Promise<KilledRun> {
  return new Promise((resolve, reject) => {
    const spawnedAt = performance.now();
    const proc = spawn(child.command, [...child.args, ...childArgs], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running = proc;
    let stdout = '';
    let stderr = '';
    let readyAt: number | null = null;
    let killedAt: number | null = null;
    let problem: string | null = null;

    const kill = (why: string | null): void => {
      if (killedAt !== null) return;
      killedAt = performance.now();
      problem ??= why;
      proc.kill('SIGKILL');
    };
    const readyTimer = setTimeout(
      () => kill(`the child did not print READY within ${options.readyTimeoutMs} ms`),
      options.readyTimeoutMs,
    );
    let runTimer: ReturnType<typeof setTimeout> | undefined;

    proc.stdout.setEncoding('utf8');
    proc.stderr.setEncoding('utf8');
    proc.stderr.on('data', (chunk: string) => (stderr += chunk));
    proc.stdout.on('data', (chunk: string) => {
      stdout += chunk;
      if (readyAt !== null || !stdout.includes('\n')) return;
      if (!stdout.startsWith('READY\n')) {
        kill(`the child's first line was not READY: ${JSON.stringify(stdout.split('\n')[0])}`);
        return;
      }
      readyAt = performance.now();
      clearTimeout(readyTimer);
      runTimer = setTimeout(() => kill(null), options.runMs);
    });
    proc.on('error', (error) => {
      // 'close' may never come when the process could not be started at all.
      clearTimeout(readyTimer);
      clearTimeout(runTimer);
      reject(new Error(`could not start or kill the child: ${error.message}`));
    });
    proc.on('close', (code, signal) => {
      clearTimeout(readyTimer);
      clearTimeout(runTimer);
      if (running === proc) running = null;
      if (killedAt === null) {
        problem ??= `the child exited by itself (code ${code}, signal ${signal})`;
      }
      if (problem !== null || readyAt === null || killedAt === null) {
        const detail = stderr.trim() ? `\nchild stderr:\n${stderr.trim()}` : '';
        reject(new Error(`${problem ?? 'the child never became ready'}${detail}`));
        return;
      }
      const end = stdout.lastIndexOf('\n') + 1;
      resolve({
        lines: stdout.slice('READY\n'.length, end).split('\n').slice(0, -1),
        partial: stdout.slice(end),
        startMs: readyAt - spawnedAt,
        ranMs: killedAt - readyAt,
      });
    });
  });
}

/**
 * Everything the children acknowledged, over all iterations: what the database must still hold.
 * `generation` is the highest acknowledged refresh generation of each session.
 */
export class Acknowledged {
  readonly logins = new Set<string>();
  readonly generations = new Map<string, number>();
  readonly revoked = new Set<string>();
  readonly reused = new Set<string>();
  lines = 0;

  /** Records one run's lines; throws on a line the child's protocol does not have. */
  record(lines: readonly string[]): void {
    for (const line of lines) {
      const [ack, kind, sid, generation, ...rest] = line.split(' ');
      const known =
        ack === 'ACK' &&
        sid !== undefined &&
        rest.length === 0 &&
        (kind === 'refresh' ? /^\d+$/.test(generation ?? '') : generation === undefined);
      if (!known) throw new Error(`unexpected line from the child: ${JSON.stringify(line)}`);
      this.lines += 1;
      if (kind === 'login') this.logins.add(sid);
      else if (kind === 'refresh') {
        const previous = this.generations.get(sid) ?? 1;
        this.generations.set(sid, Math.max(previous, Number(generation)));
      } else if (kind === 'revoke') this.revoked.add(sid);
      else if (kind === 'reuse') this.reused.add(sid);
      else throw new Error(`unexpected line from the child: ${JSON.stringify(line)}`);
    }
  }

  /** Acknowledged revocations: explicit ones and those done by reuse detection. */
  get revocations(): number {
    return this.revoked.size + this.reused.size;
  }
}

/** What the parent found on reopening the database. */
export interface Findings {
  /** Each a sentence naming what is wrong (and the sid, for a lost acknowledgement). */
  readonly problems: string[];
  /** Sessions with an acknowledged write that is not (entirely) in the database. */
  readonly lost: number;
}

const lossLimit = 20;

/**
 * Opens the database as a crash left it and checks it against what was acknowledged.
 *
 * The connection is read-only: it replays the WAL (rebuilding the wal-index in -shm) to see the
 * committed state, but never checkpoints or otherwise writes the file, so the next child starts
 * on exactly what the crash left. It is closed before returning.
 */
export function checkDatabase(file: string, acknowledged: Acknowledged): Findings {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return inspect(db, acknowledged);
  } finally {
    db.close();
  }
}

function inspect(db: Database.Database, acknowledged: Acknowledged): Findings {
  const problems: string[] = [];
  const integrity = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    // Nothing else read from a damaged file means much.
    problems.push(`integrity_check: ${integrity.slice(0, 10).join('; ')}`);
    return { problems, lost: 0 };
  }

  const column = (sql: string): string[] => db.prepare(sql).pluck().all() as string[];
  const invariant = (what: string, sql: string): void => {
    const offenders = column(sql);
    if (offenders.length > 0) {
      problems.push(`${what}: ${offenders.length} (first: ${offenders.slice(0, 5).join(', ')})`);
    }
  };

  // Invariants of the data itself, whatever was acknowledged: each holds only if every unit of
  // work committed entirely or not at all. NOT INDEXED reads the rows themselves, not the partial
  // unique index that is meant to make two live tokens impossible.
  invariant(
    'families with two live refresh tokens',
    `SELECT family_id FROM refresh_tokens NOT INDEXED WHERE status = 'active'
       GROUP BY family_id HAVING count(*) > 1`,
  );
  invariant(
    'families without exactly one unconsumed refresh token (a rotation committed in part)',
    `SELECT family_id FROM refresh_tokens GROUP BY family_id
       HAVING sum(status <> 'consumed') <> 1`,
  );
  invariant(
    'sessions without a refresh family (a login committed in part)',
    `SELECT sid FROM sessions WHERE sid NOT IN (SELECT sid FROM refresh_tokens)`,
  );
  invariant(
    'ended sessions without a session revocation',
    `SELECT sid FROM sessions WHERE status = 'ended'
       AND sid NOT IN (SELECT subject FROM revocations WHERE kind = 'session')`,
  );
  invariant(
    'session revocations of sessions that are not ended',
    `SELECT subject FROM revocations WHERE kind = 'session'
       AND subject NOT IN (SELECT sid FROM sessions WHERE status = 'ended')`,
  );
  invariant(
    'live refresh tokens of ended sessions',
    `SELECT DISTINCT r.sid FROM refresh_tokens r JOIN sessions s ON s.sid = r.sid
       WHERE r.status = 'active' AND s.status = 'ended'`,
  );

  // Every acknowledgement must be found, from this run and all earlier ones.
  const sessions = new Map(
    (
      db.prepare('SELECT sid, status, end_reason FROM sessions').all() as {
        sid: string;
        status: string;
        end_reason: string | null;
      }[]
    ).map((row) => [row.sid, row]),
  );
  const sessionRevocations = new Set(
    column(`SELECT subject FROM revocations WHERE kind = 'session'`),
  );
  const familyRevoked = new Set(
    column(`SELECT DISTINCT r.sid FROM refresh_tokens r
              JOIN revocations v ON v.kind = 'family' AND v.subject = r.family_id`),
  );
  const generations = new Map(
    (
      db
        .prepare('SELECT sid, max(generation) AS generation FROM refresh_tokens GROUP BY sid')
        .all() as {
        sid: string;
        generation: number;
      }[]
    ).map((row) => [row.sid, row.generation]),
  );

  const lostSids = new Set<string>();
  const losses: string[] = [];
  const missing = (sid: string, what: string): void => {
    lostSids.add(sid);
    if (losses.length < lossLimit) losses.push(what);
  };
  for (const sid of acknowledged.logins) {
    if (!sessions.has(sid)) missing(sid, `acknowledged login of session ${sid}: no session row`);
  }
  for (const [sid, generation] of acknowledged.generations) {
    const stored = generations.get(sid) ?? 0;
    if (stored < generation) {
      const what = `acknowledged refresh of session ${sid} to generation ${generation}`;
      missing(sid, `${what}: newest stored is ${stored}`);
    }
  }
  const checkEnded = (sid: string, kind: string, reason: string): void => {
    const session = sessions.get(sid);
    if (!sessionRevocations.has(sid))
      missing(sid, `acknowledged ${kind} of session ${sid}: no revocation`);
    if (session?.status !== 'ended' || session.end_reason !== reason) {
      const state = session ? `${session.status} (${session.end_reason})` : 'missing';
      missing(sid, `acknowledged ${kind} of session ${sid}: session is ${state}`);
    }
  };
  for (const sid of acknowledged.revoked) checkEnded(sid, 'revocation', 'revoked');
  for (const sid of acknowledged.reused) {
    checkEnded(sid, 'reuse detection', 'reuse_detected');
    if (!familyRevoked.has(sid))
      missing(sid, `acknowledged reuse detection of ${sid}: family not revoked`);
  }
  const lost = lostSids.size;
  if (lost > 0) {
    problems.push(`acknowledged writes of ${lost} sessions lost:\n  ${losses.join('\n  ')}`);
  }
  return { problems, lost };
}
