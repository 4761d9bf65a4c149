import { useEffect, useState } from 'react';
import type { SessionFilter } from '../../../shared/contract';
import { ErrorNotice } from '../../components/error-notice';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { toSessionFilter, useSessions } from '../../stores/sessions';
import { useSessionsRevoke } from '../../stores/sessions-revoke';
import { ExportButtons } from './export-buttons';
import { RevokeActions, selectSingleSelectedUser, type RevokeDialogKind } from './revoke-actions';
import {
  RevokeAllDialog,
  RevokeQueryDialog,
  RevokeSelectedDialog,
  RevokeUserDialog,
} from './revoke-dialogs';
import { RevokeStatus } from './revoke-status';
import { SessionsTable } from './sessions-table';
import { SessionsToolbar } from './sessions-toolbar';
import './sessions.css';

/**
 * What a dialog acts on, fixed when it opens: a query revocation revokes the filter that was
 * previewed, even if the list's query changes behind the dialog.
 */
type OpenDialog =
  | { kind: 'selected'; sids: readonly string[] }
  | { kind: 'user'; userId: string }
  | { kind: 'query'; filter: SessionFilter }
  | { kind: 'all' };

/** The dialog for a button, with what it acts on as the list stands now. */
function dialogFor(kind: RevokeDialogKind): OpenDialog | null {
  const state = useSessions.getState();
  switch (kind) {
    case 'selected':
      return { kind, sids: [...state.selected] };
    case 'user': {
      const userId = selectSingleSelectedUser(state);
      return userId === null ? null : { kind, userId };
    }
    case 'query':
      return { kind, filter: toSessionFilter(state.query) };
    case 'all':
      return { kind };
  }
}

/** Sessions: search, filter and sort a million of them; revoke (admin); export. */
export function SessionsView() {
  const isAdmin = useConnection(selectIsAdmin);
  const error = useSessions((state) => state.error);
  const loading = useSessions((state) => state.loading);
  const empty = useSessions((state) => state.rows.length === 0 && !state.loading);
  const loaded = useSessions((state) => state.rows.length);
  const more = useSessions((state) => state.nextCursor !== null);
  const tab = useSessions((state) => state.query.tab);
  const reload = useSessions((state) => state.reload);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);

  useEffect(reload, [reload]);

  const dismiss = useSessionsRevoke((state) => state.dismiss);
  const open = (kind: RevokeDialogKind) => {
    // A finished result from before would otherwise stand in for the new dialog's question.
    dismiss();
    setDialog(dialogFor(kind));
  };
  const close = () => {
    dismiss();
    setDialog(null);
  };

  return (
    <section className="view sessions-view" aria-labelledby="sessions-title">
      <h1 id="sessions-title">Sessions</h1>
      <SessionsToolbar />
      <div className="sessions-bar">
        <span className="muted" role="status" aria-live="polite">
          {loaded.toLocaleString()}
          {more ? '+' : ''} sessions
        </span>
        {/* The list is a snapshot of the first pages read: logins and ends since need a re-read. */}
        <button type="button" onClick={reload}>
          Refresh
        </button>
        <ExportButtons />
        {isAdmin && <RevokeActions onOpen={open} />}
      </div>
      {!dialog && <RevokeStatus />}
      {/* A closed transport is the shell's to say, once, for every view. */}
      {error && error.code !== 'ERR_TRANSPORT_CLOSED' && <ErrorNotice error={error} />}
      <div
        id="sessions-panel"
        role="tabpanel"
        aria-labelledby={`sessions-tab-${tab}`}
        aria-busy={loading}
        className="sessions-panel"
      >
        {empty && !error ? <p className="muted">No sessions match.</p> : <SessionsTable />}
      </div>
      {dialog?.kind === 'selected' && <RevokeSelectedDialog sids={dialog.sids} onClose={close} />}
      {dialog?.kind === 'user' && <RevokeUserDialog userId={dialog.userId} onClose={close} />}
      {dialog?.kind === 'query' && <RevokeQueryDialog filter={dialog.filter} onClose={close} />}
      {dialog?.kind === 'all' && <RevokeAllDialog onClose={close} />}
    </section>
  );
}
