import type { TimelineBarKind } from '../../../shared/contract';

/** What each limit on a session's timeline is called on screen. */
export const barLabels: Readonly<Record<TimelineBarKind, string>> = {
  access_token: 'Access token',
  refresh_idle: 'Refresh token, idle',
  refresh_absolute: 'Refresh token, absolute',
  session_idle: 'Session, idle',
  session_max: 'Session, maximum',
  cookie: 'Cookie',
};
