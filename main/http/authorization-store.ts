import { randomBytes } from 'node:crypto';

/** An authorization request waiting for the user to log in. */
export interface PendingLogin {
  readonly id: string;
  /** The per-request anti-CSRF value: in the form, in a cookie, and here. */
  readonly csrf: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string | undefined;
  readonly scope: string;
  readonly nonce: string | undefined;
  readonly codeChallenge: string;
  readonly expiresMs: number;
  /** Wrong passwords so far. */
  failures: number;
}

/** An authorization code and everything it is bound to (RFC 6749 §4.1.2). */
export interface AuthorizationCode {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly codeChallenge: string;
  readonly scope: string;
  readonly nonce: string | undefined;
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly authTimeS: number;
  readonly ip: string;
  readonly userAgent: string;
  readonly expiresMs: number;
  /** Set at the first exchange: the code is spent whatever the outcome. */
  used: boolean;
  /** The session the first exchange created, so a second use can revoke it. */
  sid: string | null;
  /** A second use arrived while the first was still being issued: revoke when it is. */
  revokeWhenIssued: boolean;
}

/** How long a login page may be left open before it must be started again. */
export const pendingLoginMs = 10 * 60_000;
/** RFC 6749 §4.1.2 recommends at most ten minutes; a local exchange needs seconds. */
const codeLifetimeMs = 60_000;
/** How long a spent code is remembered so that a replay still revokes what it issued. */
const spentCodeMemoryMs = 10 * 60_000;
/** Bounds on what a flood of authorization requests can make this process hold. */
const maxPendingLogins = 10_000;
const maxCodes = 10_000;

const randomValue = (): string => randomBytes(32).toString('base64url');

/**
 * Pending logins and authorization codes, in memory only: nothing is written to disk, and a
 * restart voids every login in progress and every code not yet exchanged (the user simply
 * starts again from the app). Entries expire on their own; the oldest are dropped first if a
 * bound is reached.
 */
export function createAuthorizationStore(nowMs: () => number) {
  const pending = new Map<string, PendingLogin>();
  const codes = new Map<string, AuthorizationCode>();

  const prune = (): void => {
    const now = nowMs();
    for (const [id, login] of pending) if (login.expiresMs <= now) pending.delete(id);
    for (const [code, entry] of codes) {
      if (entry.expiresMs + spentCodeMemoryMs <= now) codes.delete(code);
    }
  };
  const bound = <V>(map: Map<string, V>, max: number): void => {
    if (map.size < max) return;
    prune();
    for (const key of map.keys()) {
      if (map.size < max) break;
      map.delete(key);
    }
  };

  return {
    /** Starts a pending login with a fresh id and anti-CSRF value. */
    addPendingLogin(
      fields: Omit<PendingLogin, 'id' | 'csrf' | 'expiresMs' | 'failures'>,
    ): PendingLogin {
      bound(pending, maxPendingLogins);
      const login: PendingLogin = {
        ...fields,
        id: randomValue(),
        csrf: randomValue(),
        expiresMs: nowMs() + pendingLoginMs,
        failures: 0,
      };
      pending.set(login.id, login);
      return login;
    },

    /** A pending login that has not expired, or undefined. */
    pendingLogin(id: string): PendingLogin | undefined {
      const login = pending.get(id);
      if (login && login.expiresMs > nowMs()) return login;
      pending.delete(id);
      return undefined;
    },

    /** Ends a pending login (it succeeded, or was given up). */
    endPendingLogin(id: string): void {
      pending.delete(id);
    },

    /** Issues a code for a completed login. */
    issueCode(
      fields: Omit<AuthorizationCode, 'expiresMs' | 'used' | 'sid' | 'revokeWhenIssued'>,
    ): string {
      bound(codes, maxCodes);
      const code = randomValue();
      codes.set(code, {
        ...fields,
        expiresMs: nowMs() + codeLifetimeMs,
        used: false,
        sid: null,
        revokeWhenIssued: false,
      });
      return code;
    },

    /** Whether a code's lifetime has passed. */
    expired: (entry: AuthorizationCode): boolean => nowMs() >= entry.expiresMs,

    /** A code, spent or not, while it is remembered; undefined if unknown or forgotten. */
    code(code: string): AuthorizationCode | undefined {
      const entry = codes.get(code);
      if (entry && entry.expiresMs + spentCodeMemoryMs > nowMs()) return entry;
      codes.delete(code);
      return undefined;
    },
  };
}

/** The in-memory authorization state. */
export type AuthorizationStore = ReturnType<typeof createAuthorizationStore>;
