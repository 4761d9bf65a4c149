import type { KeyMaterial, SignatureVerdict } from '../../shared/contract';
import { decodeJwt, lintJwt } from '../../shared/jwt';
import { lintPolicy, whatIf } from '../../shared/policy';
import type { Caller } from './caller';
import type { Clock } from './clock';
import type { Handlers } from './dispatch';
import type { EventLog } from './events/event-log';
import type { RecordedCommit } from './events/recorded-commit';
import { createDirectoryHandlers } from './oauth/directory-handlers';
import type { OAuthServices } from './oauth/oauth-services';
import { changePolicyInTransaction } from './policy/change-policy';
import type { PolicyRows } from './policy/policy-rows';
import type { Vault } from './secrets/vault';
import type { DeliveryWorker } from './sync/delivery-worker';
import {
  deliveriesByClient,
  recentDeliveries,
  recentLoginReports,
  sessionPropagation,
} from './sync/sync-views';
import type { Store } from './store/open-store';
import { endingSessions } from './sessions/ending-sessions';
import { fleetTimeline } from './sessions/fleet-timeline';
import { createSessionList } from './sessions/list-sessions';
import { sessionDetail } from './sessions/session-detail';
import { storeStats } from './store/store-stats';
import { quoteForMessage } from './tokens/quote-for-message';
import { TesseraError } from './tessera-error';
import { serverTruth } from './tokens/server-truth';
import type { TokenService } from './tokens/token-service';
import type { SessionRevoker } from './sessions/revoke-sessions';

/** What the contract's implementation is built on; composed by main/core/core.ts. */
export interface ApiDeps {
  readonly version: string;
  readonly dataDir: string;
  readonly issuer: string;
  readonly clock: Clock;
  readonly commits: RecordedCommit;
  readonly log: EventLog;
  readonly policies: PolicyRows;
  readonly logouts: DeliveryWorker;
  readonly oauth: OAuthServices;
  readonly store: Store;
  readonly vault: Vault;
  readonly tokens: TokenService;
  readonly revoker: SessionRevoker;
  readonly startedAtMs: number;
  readonly verifySignature: (token: string, key: KeyMaterial) => Promise<SignatureVerdict>;
}

/** How an operator is named in audit events: role and the link or window they used. */
const operator = (caller: Caller): string => `${caller.role}:${caller.name}`;

/** Implements every call of the contract on top of the core services (the demo's: demo-handlers.ts). */
export function createApi(deps: ApiDeps): Omit<Handlers, 'demo.status' | 'demo.configure'> {
  const { tokens } = deps;
  const sessionList = createSessionList(deps.store.db);
  const policy = () => deps.policies.current().policy;
  return {
    ...createDirectoryHandlers(deps.oauth.directory),
    status: (_input, caller) => {
      const stats = storeStats(deps.store);
      return {
        version: deps.version,
        role: caller.role,
        dataDir: deps.dataDir,
        startedAtMs: deps.startedAtMs,
        nowMs: deps.clock.nowMs(),
        issuer: deps.issuer,
        keychain: { backend: deps.vault.backend, warning: deps.vault.warning },
        database: {
          file: stats.file,
          bytes: stats.bytes,
          walBytes: stats.walBytes,
          problem: deps.store.health.ok ? null : deps.store.health.detail,
        },
        issuingRefused: tokens.unavailableReason(),
        counts: { ...stats.counts, revocationsInMemory: tokens.revocationsHeld() },
      };
    },

    'tokens.inspect': async ({ token, key }, caller) => {
      const decoded = decodeJwt(token);
      if (!decoded.ok) throw new TesseraError(decoded.error.code, decoded.error.message);
      const { header, payload } = decoded.jwt;
      const checkedAtMs = deps.clock.nowMs();
      const signature = key ? await deps.verifySignature(token, key) : null;
      await deps.commits.record('token.inspected', {
        alg: typeof header.alg === 'string' ? header.alg : null,
        kid: typeof header.kid === 'string' ? header.kid : null,
        iss: typeof payload.iss === 'string' ? payload.iss : null,
        signature: signature?.status ?? 'unchecked',
        by: caller.name,
      });
      return {
        header,
        payload,
        findings: lintJwt(decoded.jwt, Math.floor(checkedAtMs / 1000)),
        signature,
        checkedAtMs,
        server: await serverTruth(tokens, deps.issuer, token, header, payload),
      };
    },

    'sessions.list': (input) => sessionList.list(input, deps.clock.nowMs()),
    'sessions.get': ({ sid }) => {
      const detail = sessionDetail(deps.store.db, deps.log, sid, policy(), deps.clock.nowMs());
      if (!detail) {
        throw new TesseraError(
          'ERR_SESSION_NOT_FOUND',
          `There is no session ${quoteForMessage(sid)}.`,
        );
      }
      return detail;
    },
    'sessions.fleetTimeline': ({ range }) =>
      fleetTimeline(deps.store.db, policy(), deps.clock.nowMs(), range),
    'sessions.ending': (input) => endingSessions(deps.store.db, policy(), input),

    'sync.byClient': () => deliveriesByClient(deps.store.db),
    'sync.deliveries': (input) => recentDeliveries(deps.store.db, input),
    'sync.sessionPropagation': ({ sid }) => {
      const propagation = sessionPropagation(deps.store.db, sid);
      if (!propagation) {
        throw new TesseraError(
          'ERR_SESSION_NOT_FOUND',
          `There is no session ${quoteForMessage(sid)}.`,
        );
      }
      return propagation;
    },
    'sync.loginReports': ({ limit }) => recentLoginReports(deps.store.db, limit),
    'sync.retry': async (input, caller) => ({
      requeued: await deps.logouts.retryNow(
        'deliveryId' in input ? input.deliveryId : input.clientId,
        operator(caller),
      ),
    }),

    'sessions.revoke': async ({ sid }, caller) => ({
      wasActive: await deps.revoker.revokeOne(sid, operator(caller)),
    }),
    'sessions.revokeSelected': async ({ sids }, caller) => ({
      revoked: await deps.revoker.revokeSelected(sids, operator(caller)),
    }),
    'sessions.revokeUser': async ({ userId }, caller) => ({
      revoked: await deps.revoker.revokeUser(userId, operator(caller)),
    }),
    'sessions.previewRevoke': ({ filter }) => ({ count: deps.revoker.previewQuery(filter) }),
    'sessions.revokeQuery': ({ filter, expectedCount }, caller) =>
      deps.revoker.startQuery(filter, operator(caller), expectedCount),
    'sessions.revokeAll': ({ confirmation }, caller) =>
      deps.revoker.revokeAll(confirmation, operator(caller)),
    'sessions.cancelRevoke': ({ jobId }, caller) =>
      deps.revoker.cancelQuery(jobId, operator(caller)),

    'events.query': ({ filter, beforeSeq, limit }) => {
      const events = deps.log.query({ filter, beforeSeq, limit, newestFirst: true });
      return {
        events,
        nextBeforeSeq: events.length === limit ? (events.at(-1)?.seq ?? null) : null,
      };
    },

    'policy.get': () => deps.policies.current(),
    'policy.set': async ({ policy, basedOnVersion }, caller) => {
      const { value } = await deps.commits.run((effects) =>
        changePolicyInTransaction(
          deps.policies,
          { policy, basedOnVersion, by: operator(caller), nowMs: deps.clock.nowMs() },
          effects,
        ),
      );
      return value;
    },

    'policy.lint': ({ policy }) => lintPolicy(policy),
    'policy.whatIf': ({ policy, pattern }) => whatIf(policy, pattern),

    'keys.list': () => tokens.keys.list(),
    'keys.rotate': async ({ alg }, caller) => {
      await tokens.keys.rotate(alg, operator(caller));
      return tokens.keys.list();
    },
    'keys.retire': async ({ kid }, caller) => {
      await tokens.keys.retire(kid, operator(caller));
      return tokens.keys.list();
    },
    'keys.revoke': async ({ kid }, caller) => {
      await tokens.keys.revoke(kid, operator(caller));
      return tokens.keys.list();
    },
  };
}
