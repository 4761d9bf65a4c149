import type { Policy, ServerTruth } from '../contract';
import { formatDuration, formatRelative, toIsoSeconds } from '../time/format';
import type { JsonObject } from './types';
import { endReasonClause } from './verdict-end-reasons';

/** Which story the verdict tells; stable, so the console and its tests can branch on it. */
export type VerdictId =
  | 'unknown_issuer'
  | 'key_revoked'
  | 'reuse_detected'
  | 'session_ended'
  | 'not_yet_valid'
  | 'expired'
  | 'refused'
  | 'valid';

/** A plain-language answer to "why does (or doesn't) this token work?". */
export interface TokenVerdict {
  readonly id: VerdictId;
  /** Whether the token works now: `ok`, `bad`, or `unknown` for tokens of other issuers. */
  readonly tone: 'ok' | 'bad' | 'unknown';
  /** One or two sentences a support person can read to a user. */
  readonly sentence: string;
}

/** What the verdict is judged from: the token's claims and what the server said about it. */
export interface VerdictInput {
  readonly payload: JsonObject;
  /** The server truth; null when the token names another issuer. */
  readonly server: ServerTruth | null;
  /** The lifetime policy in force; null when it could not be read (the comparison is left out). */
  readonly policy: Policy | null;
  readonly nowSeconds: number;
}

/**
 * Explains a token in words: expired when and how long after issue compared with the policy,
 * refused because its session or key is gone, or valid with how long it has left. Session and
 * key problems come before expiry: they are why a user was logged out, whereas an expired access
 * token alone is renewed silently.
 */
export function tokenVerdict({ payload, server, policy, nowSeconds }: VerdictInput): TokenVerdict {
  const iat = numberClaim(payload, 'iat');
  const exp = numberClaim(payload, 'exp');
  const nbf = numberClaim(payload, 'nbf');
  const at = (seconds: number) => clockTime(seconds, nowSeconds);

  if (!server) {
    const iss = typeof payload.iss === 'string' ? ` (${payload.iss})` : '';
    return {
      id: 'unknown_issuer',
      tone: 'unknown',
      sentence: `This token was issued by another service${iss}, not by this Tessera: only its issuer can say whether it still works.`,
    };
  }

  const refusal = server.verification.ok ? null : server.verification.reason;
  if (server.keyState === 'revoked' || refusal === 'key_revoked') {
    return {
      id: 'key_revoked',
      tone: 'bad',
      sentence:
        'This token was signed with a key that has been revoked, so it no longer works, and neither does any other token that key signed. The user has to log in again.',
    };
  }

  const session = server.session;
  if (session && (session.status === 'ended' || session.revoked)) {
    const when = session.endedMs === null ? '' : ` at ${at(Math.floor(session.endedMs / 1000))}`;
    if (session.endReason === 'reuse_detected') {
      return {
        id: 'reuse_detected',
        tone: 'bad',
        sentence: `This token’s session was ended${when} because one of its refresh tokens was used twice, which suggests it was copied. Every token of the session stopped working; the user has to log in again.`,
      };
    }
    const why = session.endReason ? `: ${endReasonClause(session.endReason)}` : '';
    return {
      id: 'session_ended',
      tone: 'bad',
      sentence: `This token’s session ended${when}${why}. The token stopped working then; the user has to log in again.`,
    };
  }

  if (nbf !== null && nbf > nowSeconds) {
    return {
      id: 'not_yet_valid',
      tone: 'bad',
      sentence: `This token is not valid before ${at(nbf)} (${formatRelative(nbf, nowSeconds)}). If it was just issued, the clock of this machine or of the issuer is wrong.`,
    };
  }

  if (exp !== null && exp <= nowSeconds) {
    return {
      id: 'expired',
      tone: 'bad',
      sentence: `This token expired at ${at(exp)}${lifetime(iat, exp, policy)}. The application should have renewed it with its refresh token.`,
    };
  }

  if (!server.verification.ok) {
    return {
      id: 'refused',
      tone: 'bad',
      sentence: `Tessera refuses this token: ${server.verification.message}`,
    };
  }

  const left =
    exp === null
      ? 'It has no expiry.'
      : `It expires at ${at(exp)}, ${formatRelative(exp, nowSeconds)}${lifetime(iat, exp, policy)}.`;
  return { id: 'valid', tone: 'ok', sentence: `This token works right now. ${left}` };
}

/** ", 1 h after it was issued; your policy says 24 h", or as much of it as is known. */
function lifetime(iat: number | null, exp: number, policy: Policy | null): string {
  if (iat === null) return '';
  const lived = formatDuration(exp - iat);
  if (!policy) return `, ${lived} after it was issued`;
  const says = formatDuration(policy.accessTokenSeconds);
  return exp - iat === policy.accessTokenSeconds
    ? `, ${lived} after it was issued, as your policy says`
    : `, ${lived} after it was issued; your policy says ${says}`;
}

/** "10:02 UTC" today, "2026-11-22 10:02 UTC" on another day: short, and the same on every machine. */
function clockTime(seconds: number, nowSeconds: number): string {
  const [date, time] = toIsoSeconds(seconds).split('T');
  if (time === undefined) return date ?? 'an invalid date';
  const hhmm = `${time.slice(0, 5)} UTC`;
  return date === toIsoSeconds(nowSeconds).split('T')[0] ? hhmm : `${date} ${hhmm}`;
}

function numberClaim(payload: JsonObject, name: string): number | null {
  const value = payload[name];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
