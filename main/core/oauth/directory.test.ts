import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clientFieldsSchema, createClientInputSchema } from '../../../shared/contract/directory';
import { useTempStores } from '../store/temp-store.test-helper';
import { startTokenService } from '../tokens/token-service.test-helper';
import { createDirectoryHandlers } from './directory-handlers';

const stores = useTempStores();

async function start() {
  const store = stores.open({ file: join(stores.folder(), 'tessera.db') });
  const { services } = await startTokenService(store);
  const { directory } = services.oauth;
  return { store, directory, handlers: createDirectoryHandlers(directory) };
}

const admin = { role: 'admin', name: 'test' } as const;

describe('directory', () => {
  it('creates a confidential client whose secret is shown once and stored only hashed', async () => {
    const { store, directory, handlers } = await start();
    const input = createClientInputSchema.parse({
      clientId: 'svc',
      name: 'Service',
      kind: 'confidential',
      grantTypes: ['client_credentials'],
      allowedScope: 'read',
    });
    const created = await handlers['clients.create'](input, admin);
    expect(created.clientSecret).toMatch(/^[\w-]{43}$/);
    expect(created.client).toMatchObject({
      clientId: 'svc',
      hasSecret: true,
      kind: 'confidential',
    });
    const listed = JSON.stringify(handlers['clients.list']());
    expect(listed).not.toContain(created.clientSecret);
    expect(listed).not.toContain('scrypt');
    const stored = store.db.prepare('SELECT secret_hash FROM clients').pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$/);
    expect(stored).not.toContain(created.clientSecret);

    const client = directory.client('svc')!;
    expect(await directory.authenticateClient(client, created.clientSecret!)).toBe(true);
    expect(await directory.authenticateClient(client, 'wrong')).toBe(false);
    // The second check of the same secret is the remembered one; it must agree.
    expect(await directory.authenticateClient(client, created.clientSecret!)).toBe(true);
    await expect(handlers['clients.create'](input, admin)).rejects.toMatchObject({
      code: 'ERR_CLIENT_EXISTS',
    });
  });

  it('refuses a wrong secret again without rechecking, until the client gets that secret', async () => {
    const { directory } = await start();
    const declare = (secret: string) =>
      directory.upsertClient(
        {
          ...clientFieldsSchema.parse({
            clientId: 'svc',
            name: 'Service',
            kind: 'confidential',
            grantTypes: ['client_credentials'],
          }),
          secret,
        },
        'config',
      );
    await declare('first-secret-0123456789');
    const next = 'second-secret-0123456789';
    expect(await directory.authenticateClient(directory.client('svc')!, next)).toBe(false);
    expect(await directory.authenticateClient(directory.client('svc')!, next)).toBe(false);
    // The rotated secret is the one refused a moment ago: the memory of refusals must not stand.
    expect(await declare(next)).toBe('updated');
    expect(await directory.authenticateClient(directory.client('svc')!, next)).toBe(true);
    expect(
      await directory.authenticateClient(directory.client('svc')!, 'first-secret-0123456789'),
    ).toBe(false);
  });

  it('generates an id and no secret for a public client', async () => {
    const { handlers } = await start();
    const created = await handlers['clients.create'](
      createClientInputSchema.parse({
        name: 'SPA',
        kind: 'public',
        redirectUris: ['http://127.0.0.1:5173/cb'],
        corsOrigins: ['http://127.0.0.1:5173'],
      }),
      admin,
    );
    expect(created.clientSecret).toBeNull();
    expect(created.client.clientId).toMatch(/^c-/);
    expect(created.client.hasSecret).toBe(false);
  });

  it('validates client input naming the field', () => {
    const parsed = createClientInputSchema.safeParse({
      name: 'Bad',
      kind: 'public',
      grantTypes: ['client_credentials'],
      redirectUris: ['javascript:alert(1)'],
      corsOrigins: ['http://127.0.0.1:5173/'],
    });
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['redirectUris.0', 'corsOrigins.0']));
  });

  it('creates users and checks their passwords, usernames in any case', async () => {
    const { directory, handlers } = await start();
    const created = await handlers['users.create'](
      { username: 'Maria', displayName: 'Maria Garcia', password: 'long enough' },
      admin,
    );
    expect(created).toMatchObject({ userId: 'Maria', username: 'Maria' });
    expect(JSON.stringify(handlers['users.list']())).not.toContain('scrypt');
    expect(await directory.authenticateUser('maria', 'long enough')).toMatchObject({
      userId: 'Maria',
    });
    expect(await directory.authenticateUser('maria', 'wrong')).toBeNull();
    expect(await directory.authenticateUser('nobody', 'long enough')).toBeNull();
    await expect(
      handlers['users.create'](
        { username: 'MARIA', displayName: 'Other', password: 'long enough' },
        admin,
      ),
    ).rejects.toMatchObject({ code: 'ERR_USER_EXISTS' });
  });
});
