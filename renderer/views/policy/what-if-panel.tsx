import { useEffect } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { usePolicy, type PatternDraft } from '../../stores/policy';
import { activityPresets } from './activity-presets';
import { WhatIfChart } from './what-if-chart';

const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const samePattern = (a: PatternDraft, b: PatternDraft) =>
  a.activeFrom === b.activeFrom &&
  a.activeTo === b.activeTo &&
  a.refreshEvery === b.refreshEvery &&
  a.days.length === b.days.length &&
  a.days.every((day) => b.days.includes(day));

/**
 * The what-if: a user's rhythm played against the policy being edited (not only the one in
 * force), so an edit shows at once whom it would log out, when, and why.
 */
export function WhatIfPanel() {
  const pattern = usePolicy((state) => state.pattern);
  const whatIf = usePolicy((state) => state.whatIf);
  const setPattern = usePolicy((state) => state.setPattern);

  useEffect(() => {
    if (pattern === null) setPattern(activityPresets[0]!.pattern);
  }, [pattern, setPattern]);
  if (pattern === null) return null;

  const preset = activityPresets.find((entry) => samePattern(entry.pattern, pattern));
  const change = (changes: Partial<PatternDraft>) => setPattern({ ...pattern, ...changes });
  const toggleDay = (day: number) =>
    change({
      days: pattern.days.includes(day)
        ? pattern.days.filter((other) => other !== day)
        : [...pattern.days, day].sort(),
    });

  return (
    <section className="whatif" aria-labelledby="whatif-title">
      <h2 id="whatif-title">What if: when is this user logged out?</h2>
      <p className="muted">
        The user logs in now and keeps this rhythm (in this computer’s time zone); the draft above
        decides.
      </p>
      <div className="whatif-form">
        <label>
          Activity pattern
          <select
            value={preset?.id ?? 'custom'}
            onChange={(event) => {
              const chosen = activityPresets.find((entry) => entry.id === event.target.value);
              if (chosen) setPattern(chosen.pattern);
            }}
          >
            {activityPresets.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {entry.label}
              </option>
            ))}
            {preset === undefined && <option value="custom">Custom</option>}
          </select>
        </label>
        <label>
          Active from
          <input
            type="time"
            value={pattern.activeFrom}
            onChange={(event) => change({ activeFrom: event.target.value })}
          />
        </label>
        <label>
          Active until
          <input
            type="time"
            value={pattern.activeTo}
            onChange={(event) => change({ activeTo: event.target.value })}
          />
        </label>
        <label>
          Client refreshes every
          <input
            type="text"
            spellCheck={false}
            value={pattern.refreshEvery}
            onChange={(event) => change({ refreshEvery: event.target.value })}
          />
        </label>
        <fieldset className="whatif-days">
          <legend>Active days</legend>
          {dayNames.map((name, day) => (
            <label key={name}>
              <input
                type="checkbox"
                checked={pattern.days.includes(day)}
                onChange={() => toggleDay(day)}
              />
              {name}
            </label>
          ))}
        </fieldset>
      </div>
      {whatIf.state === 'invalid' && (
        <ErrorNotice error={{ code: 'ERR_VALIDATION', message: whatIf.message }} />
      )}
      {whatIf.state === 'done' && (
        <div className="whatif-result">
          <p
            className="whatif-sentence"
            aria-live="polite"
            data-cause={whatIf.result.cause ?? 'none'}
          >
            {whatIf.result.sentence}
          </p>
          <WhatIfChart result={whatIf.result} />
          <div className="whatif-legend" aria-hidden="true">
            <span className="whatif-key whatif-key-active">active</span>
            <span className="whatif-key whatif-key-away">away</span>
          </div>
          <details>
            <summary>Step by step</summary>
            <ol className="whatif-steps">
              {whatIf.result.steps.map((step, index) => (
                <li key={index}>{step.note}</li>
              ))}
            </ol>
          </details>
        </div>
      )}
    </section>
  );
}
