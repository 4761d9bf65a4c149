import type Database from 'better-sqlite3';

/** A local user as stored. */
export interface UserRow {
  readonly user_id: string;
  /** Unique regardless of case (the column's collation is NOCASE). */
  readonly username: string;
  readonly display_name: string;
  /** See secret-hash.ts. */
  readonly password_hash: string;
  readonly created_ms: number;
}

/** The users table: prepared once, used inside the callers' transactions. */
export function createUserRows(db: Database.Database) {
  const all = db.prepare<[], UserRow>('SELECT * FROM users ORDER BY username');
  const get = db.prepare<[string], UserRow>('SELECT * FROM users WHERE user_id = ?');
  const byUsername = db.prepare<[string], UserRow>('SELECT * FROM users WHERE username = ?');
  const insert = db.prepare(`
    INSERT INTO users (user_id, username, display_name, password_hash, created_ms)
    VALUES (@user_id, @username, @display_name, @password_hash, @created_ms)`);
  const update = db.prepare(`
    UPDATE users SET username = @username, display_name = @display_name,
      password_hash = @password_hash
    WHERE user_id = @user_id`);
  return {
    all: (): UserRow[] => all.all(),
    get: (userId: string): UserRow | undefined => get.get(userId),
    /** Case-insensitive, as the column's collation says. */
    byUsername: (username: string): UserRow | undefined => byUsername.get(username),
    insert: (row: UserRow): void => {
      insert.run(row);
    },
    update: (row: Omit<UserRow, 'created_ms'>): void => {
      update.run(row);
    },
  };
}

/** The users table's operations. */
export type UserRows = ReturnType<typeof createUserRows>;
