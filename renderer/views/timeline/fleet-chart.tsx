import { useRef, useState, type KeyboardEvent } from 'react';
import type { FleetRange, FleetTimelineDto } from '../../../shared/contract';
import { describeCounts, fleetEndCauses, fleetTotal } from '../../../shared/fleet/fleet-counts';
import { bucketLabel, momentLabel } from './bucket-label';

const width = 800;
const height = 240;
const plot = { left: 40, right: 8, top: 18, bottom: 36 };
const plotHeight = height - plot.top - plot.bottom;

interface Props {
  readonly timeline: FleetTimelineDto;
  readonly range: FleetRange;
  readonly selected: number | null;
  readonly onSelect: (index: number | null) => void;
}

/**
 * The fleet's coming ends as stacked bars, one per interval, stacked by cause. Each bar is a
 * button named by what it holds, so the chart reads as a list of intervals too. One tab stop:
 * arrows move between bars (roving focus), Enter or Space lists a bar's sessions, Esc closes it.
 */
export function FleetChart({ timeline, range, selected, onSelect }: Props) {
  const { buckets } = timeline;
  const bars = useRef<(SVGGElement | null)[]>([]);
  const [focusIndex, setFocusIndex] = useState(selected ?? 0);
  const max = Math.max(1, ...buckets.map(fleetTotal));
  const slot = (width - plot.left - plot.right) / buckets.length;
  const y = (count: number) => plot.top + plotHeight - (count / max) * plotHeight;
  // Every 3 hours over a day, every day (4 × 6 h) over a week.
  const labelEvery = range === '24h' ? 3 : 4;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const moves: Record<string, number> = {
      ArrowRight: index + 1,
      ArrowLeft: index - 1,
      Home: 0,
      End: buckets.length - 1,
    };
    const target = moves[event.key];
    if (target !== undefined) {
      event.preventDefault();
      const next = Math.min(buckets.length - 1, Math.max(0, target));
      setFocusIndex(next);
      bars.current[next]?.focus();
    } else if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onSelect(index);
    } else if (event.key === 'Escape') {
      onSelect(null);
    }
  };

  return (
    <svg
      className="timeline-chart"
      viewBox={`0 0 ${width} ${height}`}
      role="group"
      aria-label={`Active sessions ending in each interval of the next ${range === '24h' ? '24 h' : '7 days'}, by cause`}
    >
      <line className="timeline-axis" x1={plot.left} x2={width - plot.right} y1={y(0)} y2={y(0)} />
      <text className="timeline-scale" x={plot.left - 6} y={y(max) + 4} textAnchor="end">
        {max}
      </text>
      <text className="timeline-scale" x={plot.left - 6} y={y(0) + 4} textAnchor="end">
        0
      </text>
      {buckets.map((bucket, index) => {
        const x = plot.left + index * slot;
        const total = fleetTotal(bucket);
        const name = `${bucketLabel(bucket, range)}: ${describeCounts(bucket)}`;
        let stacked = 0;
        return (
          <g
            key={bucket.startMs}
            ref={(element) => {
              bars.current[index] = element;
            }}
            className={index === selected ? 'timeline-bar timeline-bar-selected' : 'timeline-bar'}
            role="button"
            tabIndex={index === focusIndex ? 0 : -1}
            aria-label={name}
            aria-pressed={index === selected}
            onClick={() => {
              setFocusIndex(index);
              onSelect(index);
            }}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <title>{name}</title>
            <rect
              className="timeline-bar-hit"
              x={x}
              y={plot.top}
              width={slot}
              height={plotHeight}
            />
            {fleetEndCauses.map((cause) => {
              const bottom = stacked;
              stacked += bucket[cause];
              if (bucket[cause] === 0) return null;
              return (
                <rect
                  key={cause}
                  className={`timeline-cause-${cause}`}
                  x={x + slot * 0.15}
                  y={y(stacked)}
                  width={slot * 0.7}
                  height={y(bottom) - y(stacked)}
                />
              );
            })}
            {total > 0 && (
              <text
                className="timeline-count"
                x={x + slot / 2}
                y={y(total) - 4}
                textAnchor="middle"
              >
                {total}
              </text>
            )}
          </g>
        );
      })}
      {buckets.map(
        (bucket, index) =>
          index % labelEvery === 0 && (
            <text
              key={bucket.startMs}
              className="timeline-scale"
              x={plot.left + index * slot}
              y={height - plot.bottom + 16}
              aria-hidden="true"
            >
              {momentLabel(bucket.startMs, range)}
            </text>
          ),
      )}
    </svg>
  );
}
