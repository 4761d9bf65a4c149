import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../../shared/contract';

/** The per-run secrets behind the console links, one per role. */
export interface AccessTokens {
  readonly admin: string;
  readonly support: string;
  /** The role a presented token grants, or null; constant-time in the token's content. */
  roleFor(presented: string | undefined): Role | null;
}

/** Mints fresh random tokens (256 bits each); they change on every start, like a notebook server's. */
export function createAccessTokens(): AccessTokens {
  const admin = randomBytes(32).toString('base64url');
  const support = randomBytes(32).toString('base64url');
  return {
    admin,
    support,
    roleFor(presented) {
      if (!presented) return null;
      if (sameSecret(presented, admin)) return 'admin';
      if (sameSecret(presented, support)) return 'support';
      return null;
    },
  };
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
