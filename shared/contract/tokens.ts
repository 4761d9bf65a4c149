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
}
