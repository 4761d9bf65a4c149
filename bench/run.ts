/**
 * Tessera's benchmark runner: `npm run bench` (full) or `npm run bench -- --quick` (smoke run,
 * a few seconds, part of `npm test`).
 *
 * stdout carries only machine-readable lines, in a fixed order:
 *
 *   BENCH_INFO node <version> cpus <n> <model>
 *   BENCH <id> <value> <unit>[ target<op><value> ok|MISSED]   (target only in full mode)
 *   BENCH_ERROR <suite> <message>                               (a suite threw; exit code 1)
 *
 * Progress for humans goes to stderr. Missed targets are reported, not fatal: these machines are
 * noisy (see shared/BENCHMARKING.md); only a suite that throws makes the exit code non-zero.
 */
import { cpus, loadavg } from 'node:os';
import type { BenchFigure, BenchTarget as Target, SuiteOptions } from './bench-helpers';
import { benchEvents } from './events.bench';
import { benchHttp } from './http.bench';
import { benchRevocationLoad } from './revocation-load.bench';
import { benchRevoke } from './revoke.bench';
import { benchRotate } from './rotate.bench';
import { benchSessions } from './sessions.bench';
import { benchUiEvents } from './ui-events.bench';
import { benchUiSearch } from './ui-search.bench';
import { benchVerify } from './verify.bench';

interface Suite {
  readonly name: string;
  readonly run: (options: SuiteOptions) => Promise<BenchFigure[]>;
}

/** Targets from the issue (verify's from bench/verify.bench.ts); figures without one are context. */
const targets: Readonly<Record<string, Target>> = {
  verify_cold_ratio: { op: '>=', value: 0.9 },
  verify_hit_per_s: { op: '>=', value: 200_000 },
  rotate_durable_per_s: { op: '>=', value: 10_000 },
  rotate_durable_ratio: { op: '>=', value: 3 },
  revocation_load_ms: { op: '<', value: 1_000 },
  events_per_s: { op: '>=', value: 20_000 },
  sessions_page_ms: { op: '<', value: 10 },
  revoke_query_per_s: { op: '>=', value: 20_000 },
  ui_search_ms: { op: '<', value: 100 },
};

/** Every suite, in the order they run (and print). */
const suites: readonly Suite[] = [
  { name: 'verify', run: benchVerify },
  { name: 'rotate', run: benchRotate },
  { name: 'revocation-load', run: benchRevocationLoad },
  { name: 'sessions', run: benchSessions },
  { name: 'revoke', run: benchRevoke },
  { name: 'events', run: benchEvents },
  { name: 'http', run: benchHttp },
  { name: 'ui-search', run: benchUiSearch },
  { name: 'ui-events', run: benchUiEvents },
];

function meets(value: number, target: Target): boolean {
  return target.op === '>=' ? value >= target.value : value < target.value;
}

/** A figure's target: the suite's own if it gives one, else the table above. */
function targetOf(figure: BenchFigure): Target | undefined {
  return figure.target ?? targets[figure.id];
}

function formatFigure(figure: BenchFigure, quick: boolean): string {
  const line = `BENCH ${figure.id} ${figure.value} ${figure.unit}`;
  const target = targetOf(figure);
  if (quick || !target) return line;
  return `${line} target${target.op}${target.value} ${meets(figure.value, target) ? 'ok' : 'MISSED'}`;
}

async function main(argv: readonly string[]): Promise<number> {
  const unknown = argv.filter((arg) => arg !== '--quick');
  if (unknown.length > 0) {
    console.error(`usage: npm run bench [-- --quick]  (unknown: ${unknown.join(' ')})`);
    return 2;
  }
  const quick = argv.includes('--quick');
  const progress = (line: string) => console.error(`  ${line}`);
  const model = cpus()[0]?.model.trim() ?? 'unknown';
  console.log(`BENCH_INFO node ${process.versions.node} cpus ${cpus().length} ${model}`);

  // Other work on a shared machine skews every figure: the load average says how much.
  const load = () => loadavg()[0]?.toFixed(2) ?? '?';
  console.error(`load average (1 min) at start: ${load()}`);
  const started = performance.now();
  const missed: string[] = [];
  let failed = 0;
  for (const suite of suites) {
    const suiteStarted = performance.now();
    console.error(`suite ${suite.name}${quick ? ' (quick)' : ''}…`);
    try {
      const figures = await suite.run({ quick, progress });
      for (const figure of figures) {
        console.log(formatFigure(figure, quick));
        const target = targetOf(figure);
        if (!quick && target && !meets(figure.value, target)) missed.push(figure.id);
      }
    } catch (error) {
      failed += 1;
      const message = error instanceof Error ? error.message : String(error);
      console.log(`BENCH_ERROR ${suite.name} ${message.replace(/\s+/g, ' ')}`);
      console.error(error);
    }
    console.error(
      `suite ${suite.name} done in ${((performance.now() - suiteStarted) / 1000).toFixed(1)} s`,
    );
  }

  const total = ((performance.now() - started) / 1000).toFixed(1);
  console.error(
    `bench ${quick ? 'quick ' : ''}finished in ${total} s` +
      (failed > 0 ? `; ${failed} suite(s) failed` : '') +
      (missed.length > 0 ? `; targets missed: ${missed.join(', ')}` : '') +
      `; load average (1 min) at end: ${load()}`,
  );
  return failed > 0 ? 1 : 0;
}

process.exitCode = await main(process.argv.slice(2));
