import type { WhatIfCause, WhatIfResult } from '../../../shared/policy';
import { whatIfSpans } from '../../../shared/policy/what-if-spans';
import { formatDuration } from '../../../shared/time/format';

/** The limit that logs the user out, in the words of the policy editor. */
const causeLabels: Readonly<Record<WhatIfCause, string>> = {
  access_token: 'access token lifetime',
  refresh_idle: 'refresh token idle limit',
  refresh_absolute: 'refresh token absolute lifetime',
  session_idle: 'session idle limit',
  session_max: 'session maximum',
  cookie: 'cookie max-age',
};

const width = 800;
const left = 12;
const right = 150;
const trackTop = 34;
const trackHeight = 26;

/** Tick spacings in seconds; the smallest that gives at most eight ticks is used. */
const tickSteps = [60, 300, 900, 3_600, 3 * 3_600, 6 * 3_600, 86_400, 2 * 86_400, 7 * 86_400];

/**
 * The story on a time axis from the login: when the user is active (and the client refreshes),
 * when away, and the moment and cause of the logout. The sentence beside it says the same in
 * words, so the picture is named by it.
 */
export function WhatIfChart({ result }: { result: WhatIfResult }) {
  const spans = whatIfSpans(result);
  const startMs = result.steps[0]?.atMs ?? 0;
  const endMs = result.loggedOutAtMs ?? result.horizonMs;
  const lengthSeconds = Math.max(1, (endMs - startMs) / 1000);
  const x = (ms: number) => left + ((ms - startMs) / 1000 / lengthSeconds) * (width - left - right);
  const step = tickSteps.find((seconds) => lengthSeconds / seconds <= 8) ?? 14 * 86_400;
  const ticks = Array.from({ length: Math.floor(lengthSeconds / step) + 1 }, (_, i) => i * step);
  const endX = x(endMs);

  return (
    <svg
      className="whatif-chart"
      viewBox={`0 0 ${width} 100`}
      role="img"
      aria-label={`Timeline of the what-if: ${result.sentence}`}
    >
      {spans.map((span) => (
        <rect
          key={span.startMs}
          className={`whatif-span whatif-span-${span.kind}`}
          x={x(span.startMs)}
          y={trackTop}
          width={Math.max(0.5, x(span.endMs) - x(span.startMs))}
          height={trackHeight}
        />
      ))}
      {ticks.map((seconds) => (
        <g key={seconds} className="whatif-tick">
          <line x1={x(startMs + seconds * 1000)} x2={x(startMs + seconds * 1000)} y1={62} y2={68} />
          <text x={x(startMs + seconds * 1000)} y={82} textAnchor="middle">
            {seconds === 0 ? 'login' : `+${formatDuration(seconds)}`}
          </text>
        </g>
      ))}
      <g className={result.cause === null ? 'whatif-end' : 'whatif-end whatif-logout'}>
        <line x1={endX} x2={endX} y1={18} y2={trackTop + trackHeight + 4} />
        <text x={endX + 6} y={28}>
          {result.cause === null ? 'still logged in' : 'logged out'}
        </text>
        <text x={endX + 6} y={44}>
          {result.cause === null
            ? `after ${formatDuration(lengthSeconds)}`
            : causeLabels[result.cause]}
        </text>
      </g>
    </svg>
  );
}
