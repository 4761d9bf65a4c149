import { ErrorNotice } from '../../components/error-notice';
import { useDemo } from '../../stores/demo';
import { DemoControls } from './demo-controls';
import { DemoCounters } from './demo-counters';
import { DemoFeed } from './demo-feed';
import { DemoPolicy } from './demo-policy';
import { DemoTheft } from './demo-theft';
import './demo.css';

const behaviours = {
  healthy: 'answers every logout',
  flaky: 'answers 503 half the time (retried)',
  down: 'not listening (retried, then dead letters)',
} as const;

/** The offline demo: its controls, what it has done so far, and its events as they arrive. */
export function DemoView() {
  const status = useDemo((state) => state.status);
  const error = useDemo((state) => state.error);
  return (
    <section className="view" aria-labelledby="demo-title">
      <h1 id="demo-title">Demo</h1>
      {error && <ErrorNotice error={error} />}
      {status && !status.enabled && (
        <p>
          The demo is off. Start Tessera with <code>--demo</code> (or on a fresh data folder) to see
          virtual users, an attacker and downstream services at work.
        </p>
      )}
      {status?.enabled && (
        <div className="demo-columns">
          <div>
            <DemoControls status={status} />
            <DemoCounters status={status} />
            <h2>Downstream services</h2>
            <ul>
              {status.services.map((service) => (
                <li key={service.clientId}>
                  <code>{service.clientId}</code> {behaviours[service.behaviour]}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <DemoPolicy scenario={status.scenario} />
            <DemoTheft />
            <DemoFeed />
          </div>
        </div>
      )}
    </section>
  );
}
