/**
 * A JSON Web Key Set as fetched or pasted: its keys are still unchecked JSON objects.
 * Each key is validated only when a token is verified, so one odd key does not spoil the set.
 */
export interface JsonWebKeySetLike {
  readonly keys: readonly Record<string, unknown>[];
}
