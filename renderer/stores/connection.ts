import { create } from 'zustand';
import type { ContractError, StatusDto } from '../../shared/contract';
import { connect, type BridgeState, type TransportKind } from '../api';

interface ConnectionSlice {
  readonly transport: TransportKind;
  readonly bridge: BridgeState;
  readonly status: StatusDto | null;
  readonly statusError: ContractError | null;
}

/** Transport, link state and the server's status, for the status bar and role checks. */
export const useConnection = create<ConnectionSlice>(() => ({
  transport: 'browser',
  bridge: { kind: 'connecting' },
  status: null,
  statusError: null,
}));

const connection = connect((bridge) => useConnection.setState({ bridge }));

/** The contract, over whichever transport this console runs on. */
export const api = connection.api;

useConnection.setState({
  transport: connection.transport,
  ...(connection.transport === 'electron' ? { bridge: { kind: 'open', role: 'admin' } } : {}),
});

void api
  .call('status', {})
  .then((result) =>
    useConnection.setState(
      result.ok ? { status: result.value, statusError: null } : { statusError: result.error },
    ),
  );

/** The caller's role once known. */
export const selectRole = (state: ConnectionSlice) =>
  state.status?.role ?? (state.bridge.kind === 'open' ? state.bridge.role : null);

/** Whether admin actions are offered (the server refuses them to support anyway). */
export const selectIsAdmin = (state: ConnectionSlice) => selectRole(state) === 'admin';
