import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  backchannelLogoutUriSchema,
  checkClientFields,
  clientFieldsSchema,
  scopeSchema,
  userFieldsSchema,
} from '../../../shared/contract/directory';
import { TesseraError } from '../tessera-error';
import type { Directory, UpsertOutcome } from './directory';

const secretSchema = z
  .string()
  .min(16, { message: 'must be at least 16 characters' })
  .max(512)
  .regex(/^[\x20-\x7E]+$/, { message: 'must be printable ASCII' });

/** An app that logs users in (public or confidential). */
const configClientSchema = clientFieldsSchema
  .extend({
    /** Required for confidential clients, refused for public ones; stored only hashed. */
    secret: secretSchema.optional(),
  })
  .strict();

/**
 * A downstream service: a confidential client with a back-channel logout URI. By default it may
 * only get tokens for itself (client_credentials) and report logins.
 */
const configServiceSchema = clientFieldsSchema
  .omit({ kind: true })
  .extend({
    secret: secretSchema,
    backchannelLogoutUri: backchannelLogoutUriSchema,
    grantTypes: clientFieldsSchema.shape.grantTypes.unwrap().default(['client_credentials']),
    allowedScope: scopeSchema.default(''),
  })
  .strict();

/** The file `--config` names: clients, downstream services and local users, applied as upserts. */
const configFileSchema = z
  .object({
    /** Free text for people editing the file; ignored. */
    $comment: z.string().optional(),
    clients: z.array(configClientSchema).max(1000).default([]),
    services: z.array(configServiceSchema).max(1000).default([]),
    users: z.array(userFieldsSchema.strict()).max(10_000).default([]),
  })
  .strict()
  .superRefine((config, context) => {
    const issue = (path: Array<string | number>, message: string) =>
      context.addIssue({ code: 'custom', path, message });
    const seen = new Map<string, string>();
    const declared = [
      ...config.clients.map((client, index) => ({ client, at: ['clients', index] as const })),
      ...config.services.map((service, index) => ({
        client: { ...service, kind: 'confidential' as const },
        at: ['services', index] as const,
      })),
    ];
    for (const { client, at } of declared) {
      checkClientFields(client, (field, message) => issue([...at, field], message));
      if (client.kind === 'confidential' && client.secret === undefined) {
        issue([...at, 'secret'], 'a confidential client needs a secret');
      }
      if (client.kind === 'public' && client.secret !== undefined) {
        issue([...at, 'secret'], 'a public client has no secret');
      }
      const first = seen.get(client.clientId);
      if (first) issue([...at, 'clientId'], `${client.clientId} is already declared at ${first}`);
      else seen.set(client.clientId, formatPath(at));
    }
    const usernames = new Map<string, string>();
    const userIds = new Map<string, string>();
    config.users.forEach((user, index) => {
      const at = formatPath(['users', index]);
      const name = user.username.toLowerCase();
      const id = user.userId ?? user.username;
      const sameName = usernames.get(name);
      if (sameName) issue(['users', index, 'username'], `already used at ${sameName}`);
      else usernames.set(name, at);
      const sameId = userIds.get(id);
      if (sameId) issue(['users', index, 'userId'], `${id} is already declared at ${sameId}`);
      else userIds.set(id, at);
    });
  });

/** A parsed config file. */
export type ConfigFile = z.output<typeof configFileSchema>;

/**
 * Reads and validates a config file. Throws ERR_VALIDATION with a sentence naming the file and
 * the path of each bad field, e.g. `clients[1].redirectUris[0]: must be an absolute URI…`.
 */
export function loadConfigFile(file: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new TesseraError('ERR_VALIDATION', `Cannot read the config file ${file} (${reason}).`);
  }
  return parseConfig(text, file);
}

/** Validates a config file's text; `file` names it in errors. */
export function parseConfig(text: string, file: string): ConfigFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TesseraError(
      'ERR_VALIDATION',
      `The config file ${file} is not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = configFileSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 8)
      .map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
    const more = parsed.error.issues.length - issues.length;
    throw new TesseraError(
      'ERR_VALIDATION',
      `The config file ${file} is not valid: ${issues.join('; ')}${more > 0 ? `; and ${more} more` : ''}.`,
    );
  }
  return parsed.data;
}

/** How many declarations an apply created, changed, or found as declared. */
export type ConfigSummary = Record<UpsertOutcome, number>;

/**
 * Applies a config as upserts, in file order: clients, then services, then users. Secrets and
 * passwords are hashed before they are stored; one that still matches its stored hash is left
 * as it is, so applying the same file again writes nothing.
 */
export async function applyConfig(
  directory: Directory,
  config: ConfigFile,
  by = 'config file',
): Promise<ConfigSummary> {
  const summary: ConfigSummary = { created: 0, updated: 0, unchanged: 0 };
  const at = async (path: Array<string | number>, upsert: () => Promise<UpsertOutcome>) => {
    try {
      summary[await upsert()] += 1;
    } catch (error) {
      if (!(error instanceof TesseraError)) throw error;
      throw new TesseraError(error.code, `${formatPath(path)}: ${error.message}`);
    }
  };
  for (const [index, { secret, ...client }] of config.clients.entries()) {
    await at(['clients', index], () =>
      directory.upsertClient({ ...client, secret: secret ?? null }, by),
    );
  }
  for (const [index, { secret, ...service }] of config.services.entries()) {
    await at(['services', index], () =>
      directory.upsertClient({ ...service, kind: 'confidential', secret }, by),
    );
  }
  for (const [index, user] of config.users.entries()) {
    await at(['users', index], () => directory.upsertUser(user, by));
  }
  return summary;
}

/** `clients[1].redirectUris[0]` from `['clients', 1, 'redirectUris', 0]`. */
function formatPath(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 0) return '(the whole file)';
  return path
    .map((part, index) =>
      typeof part === 'number' ? `[${part}]` : `${index === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}
