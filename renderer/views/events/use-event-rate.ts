import { useEffect, useState } from 'react';
import { useEvents } from '../../stores/events';

/**
 * Events per second over the last second, sampled once a second from the store's counter: the
 * rate display never re-renders per batch.
 */
export function useEventRate(): number {
  const [rate, setRate] = useState(0);
  useEffect(() => {
    let last = { received: useEvents.getState().received, atMs: performance.now() };
    const id = setInterval(() => {
      const now = { received: useEvents.getState().received, atMs: performance.now() };
      // A restarted feed resets the counter: never report a negative rate.
      const delta = Math.max(0, now.received - last.received);
      setRate(Math.round((delta * 1000) / Math.max(1, now.atMs - last.atMs)));
      last = now;
    }, 1000);
    return () => clearInterval(id);
  }, []);
  return rate;
}
