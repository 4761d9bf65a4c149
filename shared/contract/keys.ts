import { z } from 'zod';

/** A signing key's place in its life: published first, then signing, then verification only. */
export type KeyState = 'next' | 'active' | 'retired' | 'revoked';

/** The algorithms Tessera signs with. */
export const signingAlgs = ['ES256', 'EdDSA', 'RS256'] as const;

/** One signing key as the console sees it: never its private part. */
export interface KeyDto {
  readonly kid: string;
  readonly alg: (typeof signingAlgs)[number];
  readonly state: KeyState;
  readonly createdMs: number;
  readonly activatedMs: number | null;
  readonly retiredMs: number | null;
  readonly revokedMs: number | null;
  /** Access tokens it signed that have not expired yet. */
  readonly outstandingTokens: number;
  /** When the last token it signed expires; after that it can leave the JWKS. Null if none. */
  readonly lastTokenExpiresMs: number | null;
  /** Whether it is in the published JWKS right now. */
  readonly published: boolean;
}

/** Output of `keys.list`. */
export interface KeysDto {
  readonly keys: readonly KeyDto[];
  /** The JWKS exactly as published. */
  readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
}

/** Input of `keys.rotate`. */
export const rotateKeysInputSchema = z.object({ alg: z.enum(signingAlgs).optional() }).strict();

/** Input of `keys.retire` and `keys.revoke`. */
export const keyIdInputSchema = z.object({ kid: z.string().min(1).max(128) }).strict();
