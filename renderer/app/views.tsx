import type { ReactNode } from 'react';
import type { Route, ViewId } from '../stores/navigation';
import { EventsView } from '../views/events/events-view';
import { InspectorView } from '../views/inspector/inspector-view';
import { KeysView } from '../views/keys/keys-view';
import { PolicyView } from '../views/policy/policy-view';
import { SessionDetailView } from '../views/session-detail/session-detail-view';
import { SessionsView } from '../views/sessions/sessions-view';
import { SyncView } from '../views/sync/sync-view';
import { TimelineView } from '../views/timeline/timeline-view';
import { DemoView } from '../views/demo/demo-view';

/** What the sidebar and the command palette list for each view. */
export const viewLabels: Readonly<Record<ViewId, string>> = {
  sessions: 'Sessions',
  inspector: 'Inspector',
  keys: 'Keys',
  policy: 'Policy',
  timeline: 'Timeline',
  events: 'Events',
  sync: 'Sync',
  demo: 'Demo',
};

/** The screen for a route. */
export function renderRoute(route: Route): ReactNode {
  switch (route.view) {
    case 'sessions':
      return route.sid ? <SessionDetailView sid={route.sid} /> : <SessionsView />;
    case 'inspector':
      return <InspectorView />;
    case 'keys':
      return <KeysView />;
    case 'policy':
      return <PolicyView />;
    case 'timeline':
      return <TimelineView />;
    case 'events':
      return <EventsView />;
    case 'sync':
      return <SyncView />;
    case 'demo':
      return <DemoView />;
  }
}
