import { describe, expect, it } from 'vitest';
import type { CallResult } from '../contract';
import { collectPages, type Page } from './collect-pages';

/** A list of `total` numbers served in pages, recording the limit of every call. */
function pagedList(total: number) {
  const limits: number[] = [];
  const fetchPage = async (cursor: string | null, limit: number) => {
    limits.push(limit);
    const start = cursor === null ? 0 : Number(cursor);
    const end = Math.min(start + limit, total);
    const items = Array.from({ length: end - start }, (_, index) => start + index);
    return { ok: true, value: { items, nextCursor: end < total ? String(end) : null } } as const;
  };
  return { fetchPage, limits };
}

const options = { cap: 1_000, pageSize: 300, signal: { aborted: false }, onProgress: () => {} };

describe('collectPages', () => {
  it('follows the pages to the end when fewer than the cap match', async () => {
    const { fetchPage, limits } = pagedList(700);
    const progress: number[] = [];
    const result = await collectPages(fetchPage, {
      ...options,
      onProgress: (count) => progress.push(count),
    });
    expect(result).toMatchObject({ ok: true, value: { capped: false } });
    expect(result?.ok && result.value.items).toHaveLength(700);
    expect(limits).toEqual([300, 300, 300]);
    expect(progress).toEqual([300, 600, 700]);
  });

  it('stops at the cap, shortening the last page, and says it was capped', async () => {
    const { fetchPage, limits } = pagedList(5_000);
    const result = await collectPages(fetchPage, options);
    expect(result).toMatchObject({ ok: true, value: { capped: true } });
    expect(result?.ok && result.value.items).toHaveLength(1_000);
    expect(limits).toEqual([300, 300, 300, 100]);
  });

  it('asks for no further page once the signal is aborted', async () => {
    const { fetchPage, limits } = pagedList(5_000);
    const signal = { aborted: false };
    const aborting = async (cursor: string | null, limit: number) => {
      signal.aborted = true;
      return fetchPage(cursor, limit);
    };
    expect(await collectPages(aborting, { ...options, signal })).toBeNull();
    expect(limits).toHaveLength(1);
  });

  it('returns the first failure as it came', async () => {
    const failure: CallResult<Page<number>> = {
      ok: false,
      error: { code: 'ERR_TRANSPORT_CLOSED', message: 'closed' },
    };
    expect(await collectPages(async () => failure, options)).toBe(failure);
  });
});
