import type { SessionTimelineDto, TimelineBarDto } from '../../../shared/contract';
import { When } from '../../components/when';
import { barLabels } from './bar-labels';

/** Width of the drawing in SVG units; it is stretched to the cell, so only ratios matter. */
const width = 1000;
/** The thinnest a bar is drawn, so a 15-minute token on a 30-day axis is still visible. */
const minBarWidth = 4;

/**
 * Every limit of a session on one time axis, with a line at now and the limit that runs out
 * first highlighted. Plain SVG, one per row, so that each row is a table row screen readers read
 * as a sentence (label, bar, end time) and the bars line up on the same scale.
 */
export function ExpiryTimeline({ timeline }: { timeline: SessionTimelineDto }) {
  const { bars, firstToEnd, nowMs } = timeline;
  const startMs = Math.min(nowMs, ...bars.map((bar) => bar.startMs));
  const endMs = Math.max(nowMs, ...bars.map((bar) => bar.endMs));
  const x = (ms: number) => ((ms - startMs) / Math.max(1, endMs - startMs)) * width;
  const first = new Set([firstToEnd.cause, ...firstToEnd.tiedWith]);
  const now = Math.floor(nowMs / 1000);
  return (
    <table className="session-detail-timeline" aria-label="Expiry timeline">
      <caption className="muted">
        Each limit from when it started to when it runs out, on one scale; the vertical line is now.
      </caption>
      <thead>
        <tr>
          <th scope="col">Limit</th>
          <th scope="col">
            <span className="session-detail-axis">
              <span>
                <When ms={startMs} now={now} />
              </span>
              <span>
                <When ms={endMs} now={now} />
              </span>
            </span>
          </th>
          <th scope="col">Runs out</th>
        </tr>
      </thead>
      <tbody>
        {bars.map((bar) => (
          <BarRow
            key={bar.kind}
            bar={bar}
            first={first.has(bar.kind)}
            ended={timeline.ended !== null}
            x={x}
            nowMs={nowMs}
          />
        ))}
      </tbody>
    </table>
  );
}

function BarRow({
  bar,
  first,
  ended,
  x,
  nowMs,
}: {
  bar: TimelineBarDto;
  first: boolean;
  ended: boolean;
  x: (ms: number) => number;
  nowMs: number;
}) {
  const left = x(bar.startMs);
  const barWidth = Math.max(minBarWidth, x(bar.endMs) - left);
  return (
    <tr
      data-kind={bar.kind}
      data-first={first || undefined}
      className={first ? 'session-detail-first' : undefined}
    >
      <th scope="row">
        {barLabels[bar.kind]}
        {first && (
          <span className="session-detail-badge">
            {/* An ended session's limits say what would have ended it, not what did. */}
            {ended ? 'would have run out first' : 'first to run out'}
          </span>
        )}
      </th>
      <td className="session-detail-bar-cell">
        <svg viewBox={`0 0 ${width} 20`} preserveAspectRatio="none" aria-hidden="true">
          <rect className="session-detail-bar" x={left} y={4} width={barWidth} height={12} rx={2} />
          <line className="session-detail-now" x1={x(nowMs)} x2={x(nowMs)} y1={0} y2={20} />
        </svg>
      </td>
      <td>
        <When ms={bar.endMs} now={Math.floor(nowMs / 1000)} />
        {bar.approximate && (
          <span className="muted" title="Derived from the policy in force now, not stored">
            {' '}
            (approximate)
          </span>
        )}
      </td>
    </tr>
  );
}
