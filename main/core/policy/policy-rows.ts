import type Database from 'better-sqlite3';
import { defaultPolicy, policySchema, type Policy, type PolicyDto } from '../../../shared/contract';

/** The policy table: versions of the lifetime policy, newest in force. */
export function createPolicyRows(db: Database.Database) {
  const latest = db.prepare<
    [],
    { version: number; body: string; changed_ms: number; changed_by: string }
  >('SELECT version, body, changed_ms, changed_by FROM policy ORDER BY version DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO policy (version, body, changed_ms, changed_by) VALUES (?, ?, ?, ?)',
  );
  // Read on every refresh: kept parsed in memory, and dropped whenever a version is saved (a
  // rolled-back save merely costs one extra read). Share one instance per database.
  let cached: PolicyDto | null = null;

  const load = (): PolicyDto => {
    const row = latest.get();
    if (!row) return { version: 0, policy: defaultPolicy, changedMs: null, changedBy: null };
    // Fields added by later versions of Tessera take their defaults.
    return {
      version: row.version,
      policy: policySchema.parse({ ...defaultPolicy, ...JSON.parse(row.body) }),
      changedMs: row.changed_ms,
      changedBy: row.changed_by,
    };
  };

  return {
    /** Stores a new version (inside the caller's transaction); returns its number. */
    save(policy: Policy, by: string, nowMs: number): number {
      const version = (latest.get()?.version ?? 0) + 1;
      insert.run(version, JSON.stringify(policySchema.parse(policy)), nowMs, by);
      cached = null;
      return version;
    },
    /** The policy in force: the newest stored version, or the defaults on a fresh install. */
    current(): PolicyDto {
      cached ??= load();
      return cached;
    },
  };
}

/** The policy table's operations. */
export type PolicyRows = ReturnType<typeof createPolicyRows>;
