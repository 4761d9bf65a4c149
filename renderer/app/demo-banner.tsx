import { formatDuration, toIsoSeconds } from '../../shared/time/format';
import { routeHash } from '../stores/navigation';
import { useDemo } from '../stores/demo';
import '../views/demo/demo.css';

/**
 * Says, on every view, that the clock is simulated: every time shown (expiries, "2 h ago") is
 * read on it, and access tokens issued under it carry the `tessera_demo` claim.
 */
export function DemoBanner() {
  const status = useDemo((state) => state.status);
  if (!status?.enabled) return null;
  const { clock } = status;
  return (
    <div className="notice demo-banner" role="status" aria-label="Demo">
      <strong>Demo</strong> · simulated clock ×{clock.speed} ·{' '}
      <span data-demo="now">{toIsoSeconds(Math.floor(clock.nowMs / 1000))}</span>
      {clock.aheadMs >= 1000 && <> ({formatDuration(clock.aheadMs / 1000)} ahead of real time)</>} ·
      tokens issued now are demo tokens · <a href={routeHash({ view: 'demo' })}>Demo controls</a>
    </div>
  );
}
