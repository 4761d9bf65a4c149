import { useState } from 'react';
import type { ContractError } from '../../../shared/contract';
import { ErrorNotice } from '../../components/error-notice';
import { useSessions } from '../../stores/sessions';
import { collectSessions, downloadText, sessionsToCsv, sessionsToJson } from './export-sessions';

const formats = {
  csv: { label: 'Export CSV', type: 'text/csv', write: sessionsToCsv },
  json: { label: 'Export JSON', type: 'application/json', write: sessionsToJson },
} as const;

type Format = keyof typeof formats;

/** Downloads every session the current query matches (not only the loaded rows). */
export function ExportButtons() {
  const [exported, setExported] = useState<number | null>(null);
  const [error, setError] = useState<ContractError | null>(null);

  const run = async (format: Format) => {
    const query = useSessions.getState().query;
    setError(null);
    setExported(0);
    const result = await collectSessions(query, setExported);
    setExported(null);
    if (!result.ok) {
      setError(result.error);
      return;
    }
    const { type, write } = formats[format];
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    downloadText(`sessions-${query.tab}-${stamp}.${format}`, type, write(result.value));
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
      {error && <ErrorNotice error={error} />}
    </span>
  );
}
