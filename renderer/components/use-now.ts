import { useEffect, useState } from 'react';

/** Epoch seconds, refreshed every `everyMs` so "in 3 h" and "expired" stay true while a view is open. */
export function useNowSeconds(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000));
  useEffect(() => {
    const id = setInterval(() => setNow(Math.floor(Date.now() / 1000)), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}
