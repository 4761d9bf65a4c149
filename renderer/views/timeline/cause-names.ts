import type { FleetEndCause } from '../../../shared/contract';

/** What ends a session, as the legend and the session list name it. */
export const causeNames: Readonly<Record<FleetEndCause, string>> = {
  idle: 'Idle limit',
  absolute: 'Absolute limit',
  cookie: 'Cookie expiry',
};
