/** A JSON value as found in a JWT header or payload. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** A JSON object (a JWT header or claims set). */
export type JsonObject = { readonly [key: string]: JsonValue };

/** A compact JWS split and decoded, without any judgement of its signature. */
export interface DecodedJwt {
  readonly header: JsonObject;
  readonly payload: JsonObject;
  /** The three base64url segments exactly as given. */
  readonly segments: {
    readonly header: string;
    readonly payload: string;
    readonly signature: string;
  };
  /** Size of the compact token in bytes (UTF-8). */
  readonly sizeBytes: number;
}

/** How serious a lint finding is. */
export type Severity = 'error' | 'warning' | 'info';

/** One observation about a token, in a sentence a support person can repeat. */
export interface Finding {
  /** Stable identifier, e.g. `alg_none`, `expired`, `lifetime`. */
  readonly id: string;
  readonly severity: Severity;
  readonly message: string;
}

/** A time claim rendered for people. */
export interface TimeView {
  readonly epochSeconds: number;
  /** ISO 8601 in UTC, e.g. `2026-11-23T10:02:00Z`. */
  readonly iso: string;
  /** Relative to now: `in 3 h`, `2 days ago`, `just now`. */
  readonly relative: string;
}

/** One claim with what it means. */
export interface ClaimView {
  readonly name: string;
  readonly value: JsonValue;
  /** One line; empty for private (unregistered) claims. */
  readonly explanation: string;
  readonly registered: boolean;
  /** Present for time claims (`exp`, `nbf`, `iat`, `auth_time`) holding a number. */
  readonly time?: TimeView;
}
