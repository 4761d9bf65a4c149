import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JWTPayload } from 'jose';
import { afterEach } from 'vitest';
import { defaultPolicy, type EventType, type TesseraEvent } from '../../../shared/contract';
import { endSessionInTransaction } from '../sessions/end-session';
import { createSessionEnder } from '../sessions/end-sessions';
import { createSessionRows } from '../sessions/session-rows';
import type { Store } from '../store/open-store';
import { useTempStores } from '../store/temp-store.test-helper';
import { generateSigningKey, type GeneratedKey } from '../tokens/generate-signing-key';
import { createKeyRing } from '../tokens/key-ring';
import { createRefreshRows } from '../tokens/refresh-rows';
import { createRevocationRows } from '../tokens/revocation-rows';
import {
  startTokenService,
  testIssuer,
  type manualClock,
} from '../tokens/token-service.test-helper';
import { createDeliveryWorker, type DeliveryWorkerOptions } from './delivery-worker';
import { backchannelLogoutEvent, logoutTokenLifetimeSeconds } from './logout-token';

/** A logout_deliveries row as stored. */
export interface DeliveryRecord {
  readonly delivery_id: number;
  readonly sid: string;
  readonly user_id: string;
  readonly client_id: string;
  readonly uri: string;
  readonly status: 'pending' | 'delivered' | 'dead';
  readonly attempts: number;
  readonly next_attempt_ms: number;
  readonly last_status: number | null;
  readonly last_error: string | null;
  readonly finished_ms: number | null;
}

/** One logout request as a relying party received it, and what its validation found. */
export interface ReceivedLogout {
  readonly contentType: string | undefined;
  readonly token: string | undefined;
  readonly claims: JWTPayload | null;
  /** Null when the token passed every check of Back-Channel Logout 1.0 §2.6. */
  readonly problem: string | null;
}

/** How a relying party answers its n-th request: a status, or no answer at all. */
export type Answer = number | 'hang' | { status: number; body: string; location?: string };

/**
 * A relying party's back-channel logout endpoint on 127.0.0.1: it validates every logout token
 * as the spec tells an RP to (signature against the issuer's JWKS, typ, iss, aud, iat/exp and a
 * lifetime of at most two minutes, jti, sid, sub, the events member, no nonce), answers 400 with
 * an error body when one fails, and otherwise answers from its script (200 once it runs out).
 */
export async function startRelyingParty(options: {
  clientId: string;
  jwks: { keys: Record<string, unknown>[] };
  nowMs: () => number;
  script?: Answer[];
}) {
  const keySet = createLocalJWKSet(options.jwks as Parameters<typeof createLocalJWKSet>[0]);
  const received: ReceivedLogout[] = [];
  const script = [...(options.script ?? [])];
  const hanging: ServerResponse[] = [];
  let active = 0;
  let maxActive = 0;

  const validate = async (
    token: string | undefined,
  ): Promise<Omit<ReceivedLogout, 'contentType'>> => {
    if (!token) return { token, claims: null, problem: 'no logout_token' };
    try {
      if (decodeProtectedHeader(token).typ !== 'logout+jwt') throw new Error('typ');
      const { payload } = await jwtVerify(token, keySet, {
        issuer: testIssuer,
        audience: options.clientId,
        typ: 'logout+jwt',
        currentDate: new Date(options.nowMs()),
        requiredClaims: ['iat', 'exp', 'jti', 'sid', 'sub', 'events'],
      });
      if ('nonce' in payload) throw new Error('nonce present');
      if (payload.exp! - payload.iat! > logoutTokenLifetimeSeconds) throw new Error('lifetime');
      const events = payload.events as Record<string, unknown> | undefined;
      const member = events?.[backchannelLogoutEvent];
      if (typeof member !== 'object' || member === null || Array.isArray(member)) {
        throw new Error('events member missing');
      }
      return { token, claims: payload, problem: null };
    } catch (error) {
      return { token, claims: null, problem: error instanceof Error ? error.message : 'invalid' };
    }
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    response.on('close', () => (active -= 1));
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const token = form.get('logout_token') ?? undefined;
    const result = await validate(token);
    received.push({ contentType: request.headers['content-type'], ...result });
    response.setHeader('cache-control', 'no-store');
    if (result.problem !== null || request.method !== 'POST') {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'invalid_request', error_description: result.problem }));
      return;
    }
    const answer = script.shift() ?? 200;
    if (answer === 'hang') {
      hanging.push(response);
      return;
    }
    if (typeof answer === 'number') {
      response.writeHead(answer);
      response.end();
      return;
    }
    response.writeHead(answer.status, answer.location ? { location: answer.location } : {});
    response.end(answer.body);
  };

  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  const port = await listen(server);
  return {
    uri: `http://127.0.0.1:${port}/backchannel-logout`,
    received,
    /** Most requests it had open at once. */
    maxConcurrent: () => maxActive,
    /** Queues more answers. */
    answer: (...answers: Answer[]) => script.push(...answers),
    close: async () => {
      for (const response of hanging.splice(0)) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A relying party. */
export type RelyingParty = Awaited<ReturnType<typeof startRelyingParty>>;

function listen(server: Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)),
  );
}

/** A URI on 127.0.0.1 where nothing listens: the port was bound, then released. */
export async function closedPortUri(): Promise<string> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/backchannel-logout`;
}

/**
 * A real store and real services (group commit, event log) with a manual clock, our own signing
 * ring with a freshly generated key, relying parties, and workers over the store. Everything it
 * starts is stopped after each test.
 */
export function useDeliveryHarness() {
  const stores = useTempStores();
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  return {
    async start(
      options: {
        /** An existing database file: a restart. */
        file?: string;
        masterKey?: string;
        clock?: ReturnType<typeof manualClock>;
        /** The signing key of an earlier start: the ring reloads the same key after a restart. */
        key?: GeneratedKey;
      } = {},
    ) {
      const file = options.file ?? join(stores.folder(), 'tessera.db');
      const store: Store = stores.open({ file });
      const started = await startTokenService(store, {
        masterKey: options.masterKey,
        clock: options.clock,
      });
      const { services, clock } = started;
      const { db } = store;
      const ring = createKeyRing();
      const key = options.key ?? generateSigningKey('ES256');
      ring.set([{ ...key, state: 'active' }]);
      const jwks = { keys: [key.publicJwk] };
      const countDeliveries = () =>
        (db.prepare('SELECT count(*) AS n FROM logout_deliveries').get() as { n: number }).n;
      const tables = {
        sessions: createSessionRows(db),
        refresh: createRefreshRows(db),
        revocations: createRevocationRows(db),
        ender: createSessionEnder(db),
      };

      const harness = {
        ...started,
        store,
        file,
        ring,
        key,
        jwks,

        addClient(clientId: string, uri: string | null, name = `Client ${clientId}`): void {
          db.prepare(
            `INSERT INTO clients (client_id, name, kind, backchannel_logout_uri, created_ms)
             VALUES (?, ?, 'confidential', ?, ?)`,
          ).run(clientId, name, uri, clock.nowMs());
        },

        /** A real login through the token service: the session's own client is `clientId`. */
        async login(userId: string, clientId: string): Promise<string> {
          const issued = await started.service.login({ userId, clientId, scope: 'openid' });
          return issued.sid;
        },

        /** A downstream service reports that the session reached it. */
        report(sid: string, clientId: string): void {
          db.prepare(
            'INSERT INTO session_participants (sid, client_id, reported_ms) VALUES (?, ?, ?)',
          ).run(sid, clientId, clock.nowMs());
        },

        /**
         * Ends sessions as the wiring will: the single-session end path and the enqueue in ONE
         * transaction. `fail` throws after both, so the transaction rolls back.
         */
        async endSessions(sids: readonly string[], fail = false): Promise<number> {
          const { value } = await services.commits.run((effects) => {
            const nowMs = clock.nowMs();
            const before = countDeliveries();
            for (const sid of sids) {
              endSessionInTransaction(
                tables,
                { sid, reason: 'logout', by: 'system', nowMs, policy: defaultPolicy },
                effects,
              );
            }
            const queued = countDeliveries() - before;
            if (fail) throw new Error('rolled back on purpose');
            return queued;
          });
          return value;
        },

        worker(overrides: Partial<DeliveryWorkerOptions> = {}) {
          const worker = createDeliveryWorker({
            db,
            commits: services.commits,
            ring,
            issuer: testIssuer,
            clock,
            random: () => 0.5,
            timeoutMs: 2000,
            ...overrides,
          });
          cleanups.push(() => worker.stop());
          return worker;
        },

        async relyingParty(clientId: string, script?: Answer[]): Promise<RelyingParty> {
          const rp = await startRelyingParty({ clientId, jwks, nowMs: clock.nowMs, script });
          cleanups.push(() => rp.close());
          return rp;
        },

        deliveries(): DeliveryRecord[] {
          return db
            .prepare<[], DeliveryRecord>('SELECT * FROM logout_deliveries ORDER BY delivery_id')
            .all();
        },

        delivery(clientId: string): DeliveryRecord {
          const row = harness.deliveries().find((d) => d.client_id === clientId);
          if (!row) throw new Error(`no delivery to ${clientId}`);
          return row;
        },

        /** Logged events of these types, oldest first (read from the log: no waiting). */
        logged(types: EventType[]): TesseraEvent[] {
          return services.log.query({ filter: { types }, limit: 1000, newestFirst: false });
        },

        /** Closes the store as a process exit would (the folder stays for a restart). */
        close(): void {
          store.close();
        },
      };
      return harness;
    },
  };
}
