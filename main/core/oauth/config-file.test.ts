import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempStores } from '../store/temp-store.test-helper';
import { startTokenService } from '../tokens/token-service.test-helper';
import { applyConfig, loadConfigFile, parseConfig } from './config-file';

const stores = useTempStores();

/** A config as JSON holds it; tests break it field by field. */
interface Json {
  [key: string]: Json | Json[] | string | boolean | undefined;
}

const example = {
  clients: [
    {
      clientId: 'web',
      name: 'Web',
      kind: 'confidential',
      secret: 'web-secret-0123456789',
      redirectUris: ['http://127.0.0.1:3000/callback'],
    },
    {
      clientId: 'spa',
      name: 'SPA',
      kind: 'public',
      redirectUris: ['http://127.0.0.1:5173/cb', 'com.example.app:/callback'],
      corsOrigins: ['http://127.0.0.1:5173'],
    },
  ],
  services: [
    {
      clientId: 'billing',
      name: 'Billing',
      secret: 'billing-secret-0123456789',
      backchannelLogoutUri: 'http://127.0.0.1:7001/logout',
    },
  ],
  users: [{ username: 'maria', displayName: 'Maria', password: 'correct horse' }],
};

function expectInvalid(config: unknown, ...messages: RegExp[]): void {
  let error: unknown;
  try {
    parseConfig(JSON.stringify(config), 'tessera.json');
  } catch (caught) {
    error = caught;
  }
  expect(error).toMatchObject({ code: 'ERR_VALIDATION' });
  for (const message of messages) expect((error as Error).message).toMatch(message);
}

describe('config file', () => {
  it('names the path of each bad field', () => {
    const bad = structuredClone(example);
    bad.clients[1]!.redirectUris[1] = 'javascript:alert(1)';
    bad.users[0]!.password = 'short';
    (bad.services[0] as unknown as Json).surprise = true;
    expectInvalid(
      bad,
      /^The config file tessera\.json is not valid: /,
      /clients\[1\]\.redirectUris\[1\]: must be an absolute URI/,
      /users\[0\]\.password: must be at least 8 characters/,
      /services\[0\]: Unrecognized key: "surprise"/,
    );
  });

  it('checks what ties fields together, and duplicates', () => {
    const bad = structuredClone(example);
    delete (bad.clients[0] as unknown as Json).secret;
    (bad.clients[1] as unknown as Json).secret = 'a-secret-for-a-public-client';
    bad.services[0]!.clientId = 'web';
    bad.users.push({ username: 'MARIA', displayName: 'Again', password: 'correct horse' });
    expectInvalid(
      bad,
      /clients\[0\]\.secret: a confidential client needs a secret/,
      /clients\[1\]\.secret: a public client has no secret/,
      /services\[0\]\.clientId: web is already declared at clients\[0\]/,
      /users\[1\]\.username: already used at users\[0\]/,
    );
  });

  it('accepts the example in resources/', () => {
    const file = join(import.meta.dirname, '../../../resources/config.example.json');
    const config = loadConfigFile(file);
    expect(config.services[0]).toMatchObject({ grantTypes: ['client_credentials'] });
  });

  it('reports a file that is missing or not JSON', () => {
    const folder = stores.folder();
    expect(() => loadConfigFile(join(folder, 'missing.json'))).toThrow(/Cannot read .*ENOENT/);
    writeFileSync(join(folder, 'broken.json'), '{ "clients": [');
    expect(() => loadConfigFile(join(folder, 'broken.json'))).toThrow(/is not valid JSON/);
  });

  it('applies as upserts: secrets hashed, nothing rewritten the second time', async () => {
    const store = stores.open({ file: join(stores.folder(), 'tessera.db') });
    const { services, events, settle } = await startTokenService(store);
    const { directory } = services.oauth;
    const config = parseConfig(JSON.stringify(example), 'tessera.json');

    expect(await applyConfig(directory, config)).toEqual({ created: 4, updated: 0, unchanged: 0 });
    const hashes = store.db.prepare('SELECT secret_hash FROM clients').pluck().all() as Array<
      string | null
    >;
    expect(hashes.filter((hash) => hash !== null)).toHaveLength(2);
    const dump = JSON.stringify(store.db.prepare('SELECT * FROM clients, users').all());
    expect(dump).not.toContain('web-secret');
    expect(dump).not.toContain('correct horse');
    expect(directory.client('billing')).toMatchObject({
      kind: 'confidential',
      backchannelLogoutUri: 'http://127.0.0.1:7001/logout',
      grantTypes: new Set(['client_credentials']),
    });

    expect(await applyConfig(directory, config)).toEqual({ created: 0, updated: 0, unchanged: 4 });
    const changed = structuredClone(example);
    changed.clients[0]!.secret = 'a-new-web-secret-0123';
    expect(await applyConfig(directory, parseConfig(JSON.stringify(changed), 'x'))).toEqual({
      created: 0,
      updated: 1,
      unchanged: 3,
    });
    expect(
      await directory.authenticateClient(directory.client('web')!, 'a-new-web-secret-0123'),
    ).toBe(true);
    await settle();
    expect(events.filter((event) => event.type === 'client.created')).toHaveLength(4);
    expect(events.filter((event) => event.type === 'user.created')).toHaveLength(1);
    expect(JSON.stringify(events)).not.toMatch(/secret-|correct horse/);
  });
});
