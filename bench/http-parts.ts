/**
 * Runs parts of the HTTP suite at full size, for work on one endpoint without the other rounds:
 * `node --import tsx bench/http-parts.ts introspect c5000` (parts: refresh, introspect, c5000).
 * Prints the figures as the runner does, with the 1-minute load average before and after.
 */
import { loadavg } from 'node:os';
import { benchHttp, type HttpBenchPart } from './http.bench';

const known: readonly HttpBenchPart[] = ['refresh', 'introspect', 'c5000'];
const asked = process.argv.slice(2);
const unknown = asked.filter((part) => !known.includes(part as HttpBenchPart));
if (asked.length === 0 || unknown.length > 0) {
  console.error(`usage: node --import tsx bench/http-parts.ts <${known.join('|')}>…`);
  process.exit(2);
}
const load = () => loadavg()[0]?.toFixed(2) ?? '?';
console.error(`load average (1 min) at start: ${load()}`);
const figures = await benchHttp(
  { quick: false, progress: (line) => console.error(`  ${line}`) },
  new Set(asked as HttpBenchPart[]),
);
for (const figure of figures) {
  const target = figure.target ? ` target${figure.target.op}${figure.target.value}` : '';
  console.log(`BENCH ${figure.id} ${figure.value} ${figure.unit}${target}`);
}
console.error(`load average (1 min) at end: ${load()}`);
