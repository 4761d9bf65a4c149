import { createHash } from 'node:crypto';
import { randomToken } from './random-token';

/** A new refresh token: 256 random bits, opaque to clients. */
export function newRefreshToken(): string {
  return randomToken(32);
}

/** The only form in which a refresh token is ever stored: its SHA-256. */
export function hashRefreshToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
