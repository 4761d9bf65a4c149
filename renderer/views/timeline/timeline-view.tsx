import { useEffect } from 'react';
import { fleetRanges, type FleetRange } from '../../../shared/contract';
import { fleetEndCauses, fleetTotal, sumCounts } from '../../../shared/fleet/fleet-counts';
import { ChoiceGroup } from '../../components/choice-group';
import { ErrorNotice } from '../../components/error-notice';
import { useTimeline } from '../../stores/timeline';
import { BarSessions } from './bar-sessions';
import { bucketLabel } from './bucket-label';
import { causeNames } from './cause-names';
import { FleetChart } from './fleet-chart';
import './timeline.css';

const rangeNames: Readonly<Record<FleetRange, string>> = {
  '24h': 'Next 24 h',
  '7d': 'Next 7 days',
};

const rangeChoices = fleetRanges.map((value) => ({ value, label: rangeNames[value] }));

/** The fleet's upcoming expiries: when the active sessions end, why, and which ones. */
export function TimelineView() {
  const range = useTimeline((state) => state.range);
  const fleet = useTimeline((state) => state.fleet);
  const selected = useTimeline((state) => state.selected);
  const load = useTimeline((state) => state.load);
  const select = useTimeline((state) => state.select);

  useEffect(() => {
    void load(useTimeline.getState().range);
  }, [load]);

  const timeline = fleet.state === 'ready' ? fleet.timeline : null;
  const selectedBucket = selected === null ? undefined : timeline?.buckets[selected];
  const totals = sumCounts(timeline?.buckets ?? []);
  const ending = fleetTotal(totals);
  const overdue = timeline ? fleetTotal(timeline.overdue) : 0;

  return (
    <section className="view timeline" aria-labelledby="timeline-title">
      <h1 id="timeline-title">Timeline</h1>
      <div className="timeline-controls">
        <ChoiceGroup
          label="Range"
          name="timeline-range"
          choices={rangeChoices}
          value={range}
          onChange={(option) => void load(option)}
        />
        <button type="button" className="timeline-refresh" onClick={() => void load(range)}>
          Refresh
        </button>
      </div>
      {fleet.state === 'loading' && <p className="muted">Loading…</p>}
      {fleet.state === 'failed' && <ErrorNotice error={fleet.error} />}
      {timeline && (
        <>
          <p className="timeline-summary">
            {ending === 1 ? '1 active session ends' : `${ending} active sessions end`} in the{' '}
            {rangeNames[range].toLowerCase()}.
            {overdue > 0 && ` ${overdue} more are past their end and end at their next use.`}
          </p>
          <ul className="timeline-legend" aria-label="Causes">
            {fleetEndCauses.map((cause) => (
              <li key={cause}>
                <span className={`timeline-swatch timeline-swatch-${cause}`} aria-hidden="true" />
                {causeNames[cause]} ({totals[cause]})
              </li>
            ))}
          </ul>
          <FleetChart
            timeline={timeline}
            range={range}
            selected={selected}
            onSelect={(index) => void select(index)}
          />
          {selectedBucket && (
            <BarSessions label={bucketLabel(selectedBucket, range)} range={range} />
          )}
        </>
      )}
    </section>
  );
}
