import { z } from 'zod';
import type { Finding, JsonObject } from '../jwt/types';

/** The inspector's size cap: larger input is refused before any parsing. */
export const maxTokenBytes = 64 * 1024;

/** Key material pasted into the inspector, or an issuer whose published keys to use. */
export const keyMaterialSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('secret'), value: z.string().min(1).max(4096) }),
  z.object({
    kind: z.literal('pem'),
    value: z
      .string()
      .min(1)
      .max(64 * 1024),
  }),
  z.object({
    kind: z.literal('jwk'),
    value: z
      .string()
      .min(1)
      .max(64 * 1024),
  }),
  z.object({
    kind: z.literal('jwks'),
    value: z
      .string()
      .min(1)
      .max(256 * 1024),
  }),
  z.object({
    kind: z.literal('issuer'),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2048),
  }),
]);

/** Key material as the caller sends it. */
export type KeyMaterial = z.infer<typeof keyMaterialSchema>;

/** Input of `tokens.inspect`. */
export const inspectInputSchema = z
  .object({
    token: z.string().min(1).max(maxTokenBytes),
    key: keyMaterialSchema.optional(),
  })
  .strict();

/** What the signature check concluded. */
export interface SignatureVerdict {
  /** `valid`: a key verified it; `invalid`: no key did; `error`: the key material was unusable. */
  readonly status: 'valid' | 'invalid' | 'error';
  readonly message: string;
  /** The `kid` of the key that verified it, when it has one. */
  readonly keyId?: string;
  /** The algorithm that was checked. */
  readonly alg?: string;
  /** For `error`: why (`ERR_KEY_INVALID`, `ERR_ISSUER_UNREACHABLE`, …). */
  readonly code?: string;
}

/** Output of `tokens.inspect`. */
export interface TokenInspection {
  readonly header: JsonObject;
  readonly payload: JsonObject;
  readonly findings: readonly Finding[];
  /** Null when no key material was given. */
  readonly signature: SignatureVerdict | null;
  /** The clock main judged the token with, in epoch milliseconds. */
  readonly checkedAtMs: number;
  /** Present when the token names Tessera as its issuer. */
  readonly server: ServerTruth | null;
}

/** For a token Tessera issued: where it stands on the server. */
export interface ServerTruth {
  /** The one verifier's answer: `ok`, or the stable reason it refused. */
  readonly verification:
    | { readonly ok: true }
    | { readonly ok: false; readonly reason: string; readonly message: string };
  /** The signing key's state, or null if the kid is not one of ours. */
  readonly keyState: 'next' | 'active' | 'retired' | 'revoked' | null;
  readonly session: {
    readonly sid: string;
    readonly userId: string;
    readonly clientId: string;
    readonly status: 'active' | 'ended';
    readonly createdMs: number;
    readonly lastSeenMs: number;
    readonly idleDeadlineMs: number;
    readonly absoluteDeadlineMs: number;
    readonly endedMs: number | null;
    readonly endReason: string | null;
    readonly endedBy: string | null;
    /** Whether its access tokens are in the revocation index. */
    readonly revoked: boolean;
  } | null;
  /** The session's refresh families: how far each got and whether it still has a live token. */
  readonly families: readonly {
    readonly familyId: string;
    readonly generations: number;
    readonly liveGeneration: number | null;
    readonly revoked: boolean;
  }[];
}
