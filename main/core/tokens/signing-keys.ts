import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyDto, KeysDto } from '../../../shared/contract';
import type { Clock } from '../clock';
import { TesseraError } from '../tessera-error';
import type { Effects } from '../events/effects';
import { generateSigningKey, type GeneratedKey } from './generate-signing-key';
import type { KeyRing, RingKey, SigningAlg } from './key-ring';
import type { SigningKeyRows, SigningKeyRow } from './signing-key-rows';

/** What seals private keys: the master-key vault. */
export interface KeySealer {
  seal(plaintext: Buffer, associatedData: string): Buffer;
  open(sealed: Buffer, associatedData: string): Buffer;
}

/** The sealed private key of `kid` is bound to its row: moving it to another kid fails. */
const sealLabel = (kid: string): string => `tessera signing key ${kid}`;

/**
 * Signing keys through their states (next → active → retired, or revoked at once) and the
 * in-memory key ring everything signs and verifies with. State changes happen in the caller's
 * transaction; call `reload()` after the commit so the ring matches the database.
 */
export function createSigningKeys(deps: {
  rows: SigningKeyRows;
  sealer: KeySealer;
  ring: KeyRing;
  clock: Clock;
}) {
  const { rows, sealer, ring, clock } = deps;

  const insertKey = (key: GeneratedKey, state: 'next' | 'active', nowMs: number): void => {
    const der = key.privateKey.export({ format: 'der', type: 'pkcs8' });
    rows.insert({
      kid: key.kid,
      alg: key.alg,
      state,
      public_jwk: JSON.stringify(key.publicJwk),
      private_key_sealed: sealer.seal(der, sealLabel(key.kid)),
      created_ms: nowMs,
      activated_ms: state === 'active' ? nowMs : null,
    });
  };

  const toRingKey = (row: SigningKeyRow): RingKey => {
    const publicKey = createPublicKey({ key: JSON.parse(row.public_jwk) as never, format: 'jwk' });
    // Only keys that may still sign are unsealed: a retired or revoked private key stays sealed.
    if (row.state !== 'active' && row.state !== 'next') {
      return { kid: row.kid, alg: row.alg, state: row.state, publicKey };
    }
    const der = sealer.open(row.private_key_sealed, sealLabel(row.kid));
    const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
    return { kid: row.kid, alg: row.alg, state: row.state, publicKey, privateKey };
  };

  const byKid = (kid: string): SigningKeyRow => {
    const row = rows.all().find((candidate) => candidate.kid === kid);
    if (!row) throw new TesseraError('ERR_KEY_NOT_FOUND', `There is no signing key "${kid}".`);
    return row;
  };

  /** Promotes the next key (or a fresh one) to active and prepares a new next. */
  const promote = (alg: SigningAlg, nowMs: number): { active: string; next: string } => {
    const next = rows.all().find((row) => row.state === 'next' && row.alg === alg);
    let active: string;
    if (next) {
      rows.setState(next.kid, 'active', nowMs);
      active = next.kid;
    } else {
      const fresh = generateSigningKey(alg);
      insertKey(fresh, 'active', nowMs);
      active = fresh.kid;
    }
    for (const stale of rows.all().filter((row) => row.state === 'next' && row.kid !== active)) {
      rows.setState(stale.kid, 'retired', nowMs);
    }
    const upcoming = generateSigningKey(alg);
    insertKey(upcoming, 'next', nowMs);
    return { active, next: upcoming.kid };
  };

  const currentActive = (): SigningKeyRow | undefined =>
    rows.all().find((row) => row.state === 'active');

  return {
    /** Loads every key into the ring; a tampered or foreign-sealed private key fails closed. */
    reload(): void {
      ring.set(rows.all().map(toRingKey));
    },

    /** In a transaction: makes sure an active and a next key exist. True if it changed anything. */
    ensure(alg: SigningAlg): boolean {
      const nowMs = clock.nowMs();
      if (!currentActive()) {
        promote(alg, nowMs);
        return true;
      }
      if (!rows.all().some((row) => row.state === 'next')) {
        insertKey(generateSigningKey(alg), 'next', nowMs);
        return true;
      }
      return false;
    },

    /** In a transaction: active → retired, next → active, and a new next. */
    rotate(alg: SigningAlg, by: string, effects: Effects): void {
      const nowMs = clock.nowMs();
      const previous = currentActive();
      if (previous) rows.setState(previous.kid, 'retired', nowMs);
      const { active, next } = promote(alg, nowMs);
      effects.emit('key.rotated', {
        activeKid: active,
        retiredKid: previous?.kid ?? null,
        nextKid: next,
        alg,
        by,
      });
    },

    /** In a transaction: retires `kid` (rotating first if it is the active key). */
    retire(kid: string, alg: SigningAlg, by: string, effects: Effects): void {
      const row = byKid(kid);
      if (row.state === 'retired' || row.state === 'revoked') {
        throw new TesseraError('ERR_KEY_STATE', `Key "${kid}" is already ${row.state}.`);
      }
      if (row.state === 'active') this.rotate(alg, by, effects);
      else {
        rows.setState(kid, 'retired', clock.nowMs());
        insertKey(generateSigningKey(alg), 'next', clock.nowMs());
      }
      effects.emit('key.retired', { kid, by });
    },

    /** In a transaction: revokes `kid` at once; tokens it signed stop verifying. */
    revoke(kid: string, alg: SigningAlg, by: string, effects: Effects): void {
      const row = byKid(kid);
      if (row.state === 'revoked') {
        throw new TesseraError('ERR_KEY_STATE', `Key "${kid}" is already revoked.`);
      }
      const nowMs = clock.nowMs();
      rows.setState(kid, 'revoked', nowMs);
      // The active key is replaced by the next; a revoked next key only needs a successor.
      if (row.state === 'active') promote(alg, nowMs);
      else if (row.state === 'next') insertKey(generateSigningKey(alg), 'next', nowMs);
      effects.emit('key.revoked', { kid, by });
    },

    /** Whether the active key is older than the rotation period. */
    rotationDue(periodSeconds: number): boolean {
      const active = currentActive();
      return (
        !!active &&
        clock.nowMs() - (active.activated_ms ?? active.created_ms) >= periodSeconds * 1000
      );
    },

    /** Every key with its usage, and the JWKS as published. */
    list(): KeysDto {
      const nowMs = clock.nowMs();
      const usage = rows.usage(nowMs);
      const stored = rows.all();
      const keys: KeyDto[] = stored.map((row) => {
        const used = usage.get(row.kid);
        const published =
          row.state === 'next' ||
          row.state === 'active' ||
          (row.state === 'retired' && (used?.outstanding ?? 0) > 0);
        return {
          kid: row.kid,
          alg: row.alg,
          state: row.state,
          createdMs: row.created_ms,
          activatedMs: row.activated_ms,
          retiredMs: row.retired_ms,
          revokedMs: row.revoked_ms,
          outstandingTokens: used?.outstanding ?? 0,
          lastTokenExpiresMs: used?.lastExpiresMs ?? null,
          published,
        };
      });
      const jwks = {
        keys: stored
          .filter((_row, index) => keys[index]!.published)
          .map((row) => JSON.parse(row.public_jwk) as Record<string, unknown>),
      };
      return { keys, jwks };
    },
  };
}

/** The signing key manager. */
export type SigningKeys = ReturnType<typeof createSigningKeys>;
