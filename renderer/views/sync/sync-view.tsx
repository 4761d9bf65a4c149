import { useEffect } from 'react';
import { ErrorNotice } from '../../components/error-notice';
import { useSync, watchSync } from '../../stores/sync';
import { DeliveriesTable } from './deliveries-table';
import { LoginReportsTable } from './login-reports-table';
import { ServicesTable } from './services-table';
import './sync.css';

/** The sync view: downstream services, their logout deliveries, and inbound login reports. */
export function SyncView() {
  const loadError = useSync((state) => state.loadError);
  const retry = useSync((state) => state.retry);
  useEffect(watchSync, []);
  return (
    <section className="view sync-view" aria-labelledby="sync-title">
      <h1 id="sync-title">Sync</h1>
      <p className="muted">
        When a session ends, every service taking part in it is told by a back-channel logout; this
        is where those deliveries stand. It updates as they happen.
      </p>
      {loadError && <ErrorNotice error={loadError} />}
      {retry.state === 'failed' && <ErrorNotice error={retry.error} />}
      <p role="status" className="sync-retry-status">
        {retry.state === 'done' &&
          `Requeued ${retry.requeued} ${retry.requeued === 1 ? 'delivery' : 'deliveries'}: attempted now.`}
      </p>
      <h2>Downstream services</h2>
      <ServicesTable />
      <h2>Recent deliveries</h2>
      <DeliveriesTable />
      <h2>Recent login reports</h2>
      <LoginReportsTable />
    </section>
  );
}
