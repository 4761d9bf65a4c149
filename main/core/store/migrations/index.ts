import { initialSchema } from './001-initial.sql';
import { searchIndexes } from './002-search-indexes.sql';
import { oauthSchema } from './003-oauth.sql';
import { historyIndexes } from './004-history-indexes.sql';
import { lighterRefreshTokens } from './005-lighter-refresh-tokens.sql';
import type { Migration } from './migration';

/** Every schema step this code knows, oldest first; the last one's version is the newest schema. */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: initialSchema },
  { version: 2, name: 'search indexes', up: searchIndexes },
  { version: 3, name: 'oauth and logout propagation', up: oauthSchema },
  { version: 4, name: 'history indexes', up: historyIndexes },
  { version: 5, name: 'lighter refresh tokens', up: lighterRefreshTokens },
];
