import { useSessions } from '../../stores/sessions';

/** Which revocation dialog is open. */
export type RevokeDialogKind = 'selected' | 'user' | 'query' | 'all';

/**
 * The admin's revocation buttons (the view shows them to admins only; the server refuses
 * support anyway). A user's sessions are offered when the selection belongs to one user.
 */
export function RevokeActions({ onOpen }: { onOpen(kind: RevokeDialogKind): void }) {
  const selectedCount = useSessions((state) => state.selected.size);
  const selectedUser = useSessions(selectSingleSelectedUser);
  const ended = useSessions((state) => state.query.tab === 'ended');
  return (
    <div className="sessions-actions" role="group" aria-label="Revoke">
      <button type="button" disabled={selectedCount === 0} onClick={() => onOpen('selected')}>
        Revoke selected ({selectedCount})
      </button>
      <button type="button" disabled={selectedUser === null} onClick={() => onOpen('user')}>
        {selectedUser === null
          ? 'Revoke user’s sessions'
          : `Revoke all of ${selectedUser}’s sessions`}
      </button>
      <button type="button" disabled={ended} onClick={() => onOpen('query')}>
        Revoke matching…
      </button>
      <button type="button" className="sessions-danger" onClick={() => onOpen('all')}>
        Revoke everything…
      </button>
    </div>
  );
}

/** The user all selected sessions belong to, or null (none selected, or several users). */
export function selectSingleSelectedUser(state: ReturnType<typeof useSessions.getState>) {
  const users = new Set(
    state.rows.filter((row) => state.selected.has(row.sid)).map((row) => row.userId),
  );
  return users.size === 1 ? ([...users][0] ?? null) : null;
}
