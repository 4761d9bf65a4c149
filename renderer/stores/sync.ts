import { create } from 'zustand';
import type {
  ClientDeliveriesDto,
  ContractError,
  DeliveryDto,
  LoginReportDto,
} from '../../shared/contract';
import { api } from './connection';

/** What a retry asked for: one delivery, or every unfinished one of a service. */
export type RetryTarget = { readonly deliveryId: number } | { readonly clientId: string };

interface SyncSlice {
  /** Null until the first answer. */
  readonly services: readonly ClientDeliveriesDto[] | null;
  readonly deliveries: readonly DeliveryDto[] | null;
  readonly reports: readonly LoginReportDto[] | null;
  readonly loadError: ContractError | null;
  /** The last retry's outcome, as the operator should read it. */
  readonly retry:
    | { readonly state: 'idle' }
    | { readonly state: 'done'; readonly requeued: number }
    | { readonly state: 'failed'; readonly error: ContractError };
}

/** The sync view's state: per-service health, recent deliveries, recent login reports. */
export const useSync = create<SyncSlice>(() => ({
  services: null,
  deliveries: null,
  reports: null,
  loadError: null,
  retry: { state: 'idle' },
}));

const recentLimit = 100;

/** Reads the three lists together and shows them in one update, so their figures agree. */
export async function loadSync(): Promise<void> {
  const [services, deliveries, reports] = await Promise.all([
    api.call('sync.byClient', {}),
    api.call('sync.deliveries', { limit: recentLimit }),
    api.call('sync.loginReports', { limit: recentLimit }),
  ]);
  const failed = [services, deliveries, reports].find((result) => !result.ok);
  useSync.setState({
    ...(services.ok ? { services: services.value } : {}),
    ...(deliveries.ok ? { deliveries: deliveries.value } : {}),
    ...(reports.ok ? { reports: reports.value } : {}),
    loadError: failed && !failed.ok ? failed.error : null,
  });
}

/** Makes deliveries due now (admin only: the server refuses support anyway). */
export async function retryDeliveries(target: RetryTarget): Promise<void> {
  const result = await api.call('sync.retry', target);
  useSync.setState({
    retry: result.ok
      ? { state: 'done', requeued: result.value.requeued }
      : { state: 'failed', error: result.error },
  });
  await loadSync();
}

/** Events after which the lists are out of date. */
const changes = [
  'session.ended',
  'sync.login_reported',
  'sync.delivery_attempted',
  'sync.delivery_dead',
  'sync.retry_requested',
];

/**
 * Keeps the lists current while the view is open: reloads when a sync event arrives, at most
 * one load at a time (events during a load bring one more load after it, not one each).
 */
export function watchSync(): () => void {
  let loading = false;
  let again = false;
  const reload = async (): Promise<void> => {
    if (loading) {
      again = true;
      return;
    }
    loading = true;
    do {
      again = false;
      await loadSync();
    } while (again);
    loading = false;
  };
  void reload();
  return api.subscribe({ types: changes }, () => void reload());
}
