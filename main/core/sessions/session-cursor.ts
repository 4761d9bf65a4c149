import { z } from 'zod';
import { sessionSorts } from '../../../shared/contract';
import { TesseraError } from '../tessera-error';

/** Where a page of the session list ended: the last row's sort value and sid, and the order. */
export interface SessionCursor {
  readonly sort: (typeof sessionSorts)[number];
  readonly direction: 'asc' | 'desc';
  readonly value: number;
  readonly sid: string;
}

const cursorSchema = z
  .object({
    sort: z.enum(sessionSorts),
    direction: z.enum(['asc', 'desc']),
    value: z.number().int(),
    sid: z.string().min(1).max(128),
  })
  .strict();

/** The opaque `nextCursor`: base64url JSON, so it survives URLs and logs unescaped. */
export function encodeSessionCursor(cursor: SessionCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/**
 * Reads a cursor back, refusing anything this server did not issue for the same sort and
 * direction: a cursor from another order would resume at a meaningless position.
 */
export function decodeSessionCursor(
  text: string,
  sort: SessionCursor['sort'],
  direction: SessionCursor['direction'],
): SessionCursor {
  const cursor = cursorSchema.safeParse(parseJson(Buffer.from(text, 'base64url').toString()));
  if (!cursor.success || cursor.data.sort !== sort || cursor.data.direction !== direction) {
    throw new TesseraError(
      'ERR_VALIDATION',
      'The cursor is not one this server issued for this sort order; load the first page again.',
    );
  }
  return cursor.data;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
