import { useEffect, useState } from 'react';
import { serverClockSpeed, serverNowMs, useDemo } from '../stores/demo';

/**
 * Epoch seconds on the server's clock (the demo's simulated one when it runs), refreshed every
 * `everyMs` of that clock's time (at least once a second) so "in 3 h" and "expired" stay true
 * while a view is open. `clock: 'local'` reads this machine's clock instead, for times that are
 * not the server's (another issuer's token).
 */
export function useNowSeconds(everyMs = 15_000, clock: 'server' | 'local' = 'server'): number {
  const read = () => Math.floor((clock === 'server' ? serverNowMs() : Date.now()) / 1000);
  const [now, setNow] = useState(read);
  // The demo starting, stopping or changing speed re-reads at once and sets the pace anew.
  const speed = useDemo((state) => (state.status?.enabled ? state.status.clock.speed : 0));
  useEffect(() => {
    setNow(read());
    const id = setInterval(() => setNow(read()), Math.max(1000, everyMs / serverClockSpeed()));
    return () => clearInterval(id);
  }, [everyMs, speed, clock]);
  return now;
}
