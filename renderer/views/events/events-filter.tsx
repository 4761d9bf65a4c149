import { useState, type FormEvent } from 'react';
import { events, type EventFilter } from '../../../shared/contract';
import { setEventFilter, useEvents } from '../../stores/events';

const eventTypes = Object.keys(events).sort();

// The lengths are the contract's limits: a filter past them would be refused by the bridge,
// which closes the connection on a malformed subscription, so the boxes do not accept one.
const fields = [
  { key: 'userId', label: 'User', maxLength: 256 },
  { key: 'clientId', label: 'Client', maxLength: 256 },
  { key: 'sid', label: 'Session', maxLength: 128 },
] as const;

type Draft = Record<'type' | (typeof fields)[number]['key'], string>;

function draftOf(filter: EventFilter): Draft {
  return {
    type: filter.types?.[0] ?? '',
    userId: filter.userId ?? '',
    clientId: filter.clientId ?? '',
    sid: filter.sid ?? '',
  };
}

/** Empty fields are left out: the contract reads an absent field as "any". */
function filterOf(draft: Draft): EventFilter {
  const filter: { -readonly [K in keyof EventFilter]: EventFilter[K] } = {};
  if (draft.type) filter.types = [draft.type];
  for (const { key } of fields) {
    const value = draft[key].trim();
    if (value) filter[key] = value;
  }
  return filter;
}

/**
 * Filters by type, user, client and session. Applied on submit (Enter), because each change
 * restarts the feed and loads history again; the type applies at once, as a choice is deliberate.
 */
export function EventsFilter() {
  const filter = useEvents((state) => state.filter);
  const [draft, setDraft] = useState(() => draftOf(filter));
  const apply = (next: Draft) => setEventFilter(filterOf(next));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    apply(draft);
  };
  return (
    <form className="events-filter" role="search" aria-label="Filter events" onSubmit={submit}>
      <label>
        <span>Type</span>
        <select
          value={draft.type}
          onChange={(event) => {
            const next = { ...draft, type: event.target.value };
            setDraft(next);
            apply(next);
          }}
        >
          <option value="">Any type</option>
          {eventTypes.map((type) => (
            <option key={type} value={type}>
              {type}
            </option>
          ))}
        </select>
      </label>
      {fields.map(({ key, label, maxLength }, index) => (
        <label key={key}>
          <span>{label}</span>
          <input
            type="search"
            value={draft[key]}
            placeholder="any"
            maxLength={maxLength}
            spellCheck={false}
            // The app shell focuses this box on "/".
            data-search-input={index === 0 ? '' : undefined}
            onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
          />
        </label>
      ))}
      <button type="submit">Search</button>
    </form>
  );
}
