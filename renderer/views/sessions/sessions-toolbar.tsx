import { useEffect, useState, type KeyboardEvent } from 'react';
import type { ClientDto } from '../../../shared/contract';
import { api } from '../../stores/connection';
import { useSessions, type SessionsTab } from '../../stores/sessions';

const tabs: ReadonlyArray<{ id: SessionsTab; label: string }> = [
  { id: 'active', label: 'Active' },
  { id: 'ended', label: 'History' },
];

const deadlineChoices: ReadonlyArray<{ seconds: number; label: string }> = [
  { seconds: 0, label: 'Any deadline' },
  { seconds: 3_600, label: 'Ending within 1 h' },
  { seconds: 86_400, label: 'Ending within 24 h' },
  { seconds: 7 * 86_400, label: 'Ending within 7 days' },
];

/** Active and History, as tabs: arrow keys move between them. */
function SessionsTabs() {
  const tab = useSessions((state) => state.query.tab);
  const setQuery = useSessions((state) => state.setQuery);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    const next = tab === 'active' ? 'ended' : 'active';
    setQuery({ tab: next });
    document.getElementById(`sessions-tab-${next}`)?.focus();
  };
  return (
    <div role="tablist" aria-label="Sessions" className="sessions-tabs" onKeyDown={onKeyDown}>
      {tabs.map(({ id, label }) => (
        <button
          key={id}
          id={`sessions-tab-${id}`}
          type="button"
          role="tab"
          aria-selected={tab === id}
          aria-controls="sessions-panel"
          tabIndex={tab === id ? 0 : -1}
          className="sessions-tab"
          onClick={() => setQuery({ tab: id })}
        >
          {label}
        </button>
      ))}
    </div>
  );
}

/** The clients for the client filter; the filter still works (unnarrowed) if they fail to load. */
function useClients(): readonly ClientDto[] {
  const [clients, setClients] = useState<readonly ClientDto[]>([]);
  useEffect(() => {
    let live = true;
    void api.call('clients.list', {}).then((result) => {
      if (live && result.ok) setClients(result.value);
    });
    return () => {
      live = false;
    };
  }, []);
  return clients;
}

/** Tabs, search as you type, and the filters. Each change asks the server for a first page. */
export function SessionsToolbar() {
  const query = useSessions((state) => state.query);
  const setQuery = useSessions((state) => state.setQuery);
  const clients = useClients();
  return (
    <div className="sessions-toolbar">
      <SessionsTabs />
      <input
        type="search"
        data-search-input
        aria-label="Search sessions"
        placeholder="User or client id starts with…  (/)"
        maxLength={256}
        spellCheck={false}
        value={query.search}
        onChange={(event) => setQuery({ search: event.target.value })}
      />
      <select
        aria-label="Client"
        value={query.clientId}
        onChange={(event) => setQuery({ clientId: event.target.value })}
      >
        <option value="">All clients</option>
        {clients.map((client) => (
          <option key={client.clientId} value={client.clientId}>
            {client.name} ({client.clientId})
          </option>
        ))}
      </select>
      <input
        type="search"
        aria-label="IP prefix"
        placeholder="IP starts with…"
        maxLength={64}
        spellCheck={false}
        value={query.ipPrefix}
        onChange={(event) => setQuery({ ipPrefix: event.target.value })}
      />
      {query.tab === 'active' && (
        <select
          aria-label="Deadline"
          value={query.endingWithinSeconds}
          onChange={(event) => setQuery({ endingWithinSeconds: Number(event.target.value) })}
        >
          {deadlineChoices.map(({ seconds, label }) => (
            <option key={seconds} value={seconds}>
              {label}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
