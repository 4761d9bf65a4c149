import type { DemoClockSpeed, DemoScenario, DemoStatusDto } from '../../../shared/contract';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { configureDemo } from '../../stores/demo';
import { ChoiceGroup, type Choice } from '../../components/choice-group';

const scenarios: readonly Choice<DemoScenario>[] = [
  { value: 'normal_day', label: 'Normal day' },
  { value: 'token_theft', label: 'Token theft' },
  { value: 'misconfigured_lifetimes', label: 'Misconfigured lifetimes' },
];

const speeds: readonly Choice<DemoClockSpeed>[] = [
  { value: 1, label: '×1' },
  { value: 60, label: '×60 (a minute a second)' },
  { value: 3600, label: '×3600 (an hour a second)' },
];

const rates: readonly Choice<number>[] = [15, 60, 240].map((perMinute) => ({
  value: perMinute,
  label: `${perMinute} / min`,
}));

/** Start/stop, rate, scenario and clock speed; support sees them but may not change them. */
export function DemoControls({ status }: { status: Extract<DemoStatusDto, { enabled: true }> }) {
  const isAdmin = useConnection(selectIsAdmin);
  return (
    <section aria-labelledby="demo-controls-title">
      <h2 id="demo-controls-title">Controls</h2>
      {!isAdmin && <p className="muted">Only an admin console can change the demo.</p>}
      <p>
        <button
          type="button"
          disabled={!isAdmin}
          onClick={() => void configureDemo({ running: !status.running })}
        >
          {status.running ? 'Stop the virtual users' : 'Start the virtual users'}
        </button>{' '}
        <span data-demo="running">{status.running ? 'Running' : 'Stopped'}</span>
      </p>
      <h3>Scenario</h3>
      <ChoiceGroup
        label="Scenario"
        name="demo-scenario"
        choices={scenarios}
        value={status.scenario}
        disabled={!isAdmin}
        onChange={(scenario) => void configureDemo({ scenario })}
      />
      <h3>Clock</h3>
      <ChoiceGroup
        label="Clock speed"
        name="demo-clock"
        choices={speeds}
        value={status.clock.speed}
        disabled={!isAdmin}
        onChange={(clockSpeed) => void configureDemo({ clockSpeed })}
      />
      <h3>Actions per minute</h3>
      <ChoiceGroup
        label="Rate"
        name="demo-rate"
        choices={
          rates.some((rate) => rate.value === status.actionsPerMinute)
            ? rates
            : [
                ...rates,
                { value: status.actionsPerMinute, label: `${status.actionsPerMinute} / min` },
              ]
        }
        value={status.actionsPerMinute}
        disabled={!isAdmin}
        onChange={(actionsPerMinute) => void configureDemo({ actionsPerMinute })}
      />
    </section>
  );
}
