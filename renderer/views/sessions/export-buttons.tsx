import { useEffect, useRef, useState } from 'react';
import type { ContractError } from '../../../shared/contract';
import { sessionsToCsv, sessionsToJson } from '../../../shared/export/sessions-export';
import { downloadFile, fileStamp } from '../../components/download-file';
import { ErrorNotice } from '../../components/error-notice';
import { useSessions } from '../../stores/sessions';
import { collectSessions, exportCap } from './collect-sessions';

const formats = {
  csv: { label: 'Export CSV', type: 'text/csv', write: sessionsToCsv },
  json: { label: 'Export JSON', type: 'application/json', write: sessionsToJson },
} as const;

type Format = keyof typeof formats;

/** Downloads the sessions the current query matches (not only the loaded rows), up to the cap. */
export function ExportButtons() {
  const [exported, setExported] = useState<number | null>(null);
  const [capped, setCapped] = useState(false);
  const [error, setError] = useState<ContractError | null>(null);
  const running = useRef<AbortController | null>(null);

  // Leaving the view stops a running export: nobody is left to receive the file.
  useEffect(() => () => running.current?.abort(), []);

  const run = async (format: Format) => {
    const query = useSessions.getState().query;
    const controller = new AbortController();
    running.current = controller;
    setError(null);
    setCapped(false);
    setExported(0);
    const result = await collectSessions(query, controller.signal, setExported);
    if (result === null) return;
    running.current = null;
    setExported(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    setCapped(result.value.capped);
    const { type, write } = formats[format];
    const stamp = fileStamp();
    downloadFile(`sessions-${query.tab}-${stamp}.${format}`, type, write(result.value.items));
  };

  return (
    <span className="sessions-export">
      {(Object.keys(formats) as Format[]).map((format) => (
        <button
          key={format}
          type="button"
          disabled={exported !== null}
          onClick={() => void run(format)}
        >
          {formats[format].label}
        </button>
      ))}
      {exported !== null && (
        <span role="status">Exporting… {exported.toLocaleString()} sessions</span>
      )}
      {capped && (
        <span role="status">
          Exported the first {exportCap.toLocaleString('en')} of more; narrow the search for the
          rest.
        </span>
      )}
      {error && <ErrorNotice error={error} />}
    </span>
  );
}
