import { useEffect, useState } from 'react';
import { serverClockSpeed, serverNowMs, useDemo } from '../stores/demo';

/**
 * Epoch seconds on the server's clock (the demo's simulated one when it runs), refreshed every
 * `everyMs` of that clock's time (at least once a second) so "in 3 h" and "expired" stay true
 * while a view is open.
 */
export function useNowSeconds(everyMs = 15_000): number {
  const read = () => Math.floor(serverNowMs() / 1000);
  const [now, setNow] = useState(read);
  // A new demo status (speed, time) re-reads at once and resets the pace.
  const status = useDemo((state) => state.status);
  useEffect(() => {
    setNow(read());
    const id = setInterval(() => setNow(read()), Math.max(1000, everyMs / serverClockSpeed()));
    return () => clearInterval(id);
  }, [everyMs, status]);
  return now;
}
