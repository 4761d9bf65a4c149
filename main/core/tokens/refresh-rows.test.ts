import { describe, expect, it } from 'vitest';
import { useTempStores } from '../store/temp-store.test-helper';

const stores = useTempStores();

/** Every `SEARCH`/`SCAN` line of a statement's plan. */
function reads(sql: string): string[] {
  const { db } = stores.open({ file: `${stores.folder()}/tessera.db` });
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...Array.from(sql.matchAll(/\?/g), () => 'x'))
    .map((row) => (row as { detail: string }).detail)
    .filter((line) => /^(SEARCH|SCAN) /.test(line));
}

describe('refresh_tokens look-ups', () => {
  // Schema 5 dropped the (family_id, generation) index that rotations paid for on every insert;
  // these are the reads it used to serve, each still found through an index, never a scan.
  it("finds and revokes a family's live token through the partial index on active tokens", () => {
    for (const sql of [
      "SELECT * FROM refresh_tokens WHERE family_id = ? AND status = 'active'",
      "UPDATE refresh_tokens SET status = 'revoked' WHERE family_id = ? AND status = 'active'",
    ]) {
      expect(reads(sql)).toEqual([
        'SEARCH refresh_tokens USING INDEX refresh_tokens_one_live_per_family (family_id=?)',
      ]);
    }
  });

  it("reads a family's latest generation through its session's tokens", () => {
    expect(
      reads('SELECT MAX(generation) FROM refresh_tokens WHERE sid = ? AND family_id = ?'),
    ).toEqual(['SEARCH refresh_tokens USING INDEX refresh_tokens_by_sid (sid=?)']);
  });
});
