import { z } from 'zod';

/**
 * The directory: OAuth clients (apps and downstream services) and the local users who log in
 * through Tessera's login page. A downstream service is a confidential client with a
 * back-channel logout URI: Tessera tells it when a session it took part in ends.
 */

/** The grants a client may use at the token endpoint. */
export const grantTypes = ['authorization_code', 'refresh_token', 'client_credentials'] as const;

/** A grant a client may use. */
export type GrantType = (typeof grantTypes)[number];

/** Public clients (browser and native apps) hold no secret; confidential ones authenticate. */
export type ClientKind = 'public' | 'confidential';

/**
 * A client id: printable ASCII without spaces, quotes, angle brackets or backslashes, so it is
 * safe in a log line, an HTML attribute and a session id (`client:<id>`).
 */
export const clientIdSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._~:@!$&'()*+,;=-]+$/, {
    message: "use letters, digits and . _ ~ : @ ! $ & ' ( ) * + , ; = - only (no spaces)",
  });

/** One scope token (RFC 6749 §3.3). */
const scopeTokenPattern = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** A space-separated list of scope tokens; empty means none. */
export const scopeSchema = z
  .string()
  .max(1024)
  .refine(
    (value) => value === '' || value.split(' ').every((item) => scopeTokenPattern.test(item)),
    {
      message: 'must be scope tokens separated by single spaces',
    },
  );

/**
 * A redirect URI, compared byte for byte at the authorization endpoint: absolute, no fragment
 * (RFC 6749 §3.1.2), and not a script-capable scheme. Private-use schemes of native apps
 * (RFC 8252 §7.1, e.g. `com.example.app:/callback`) are allowed.
 */
export const redirectUriSchema = z.string().min(1).max(2048).refine(isRedirectUri, {
  message: 'must be an absolute URI with no fragment (http, https or a private-use scheme)',
});

/** A browser origin, exactly as browsers send it: `scheme://host[:port]`, nothing more. */
export const originSchema = z
  .string()
  .max(512)
  .refine(isOrigin, { message: 'must be an origin such as http://127.0.0.1:5173 (no path)' });

/** An http(s) URL Tessera posts logout tokens to. */
export const backchannelLogoutUriSchema = z
  .string()
  .max(2048)
  .refine(isHttpUrl, { message: 'must be an absolute http or https URL with no fragment' });

/** What every way of declaring a client shares (the contract call and the config file). */
export const clientFieldsSchema = z.object({
  clientId: clientIdSchema,
  name: z.string().trim().min(1).max(200),
  kind: z.enum(['public', 'confidential']),
  redirectUris: z.array(redirectUriSchema).max(32).default([]),
  backchannelLogoutUri: backchannelLogoutUriSchema.nullable().default(null),
  grantTypes: z
    .array(z.enum(grantTypes))
    .min(1)
    .max(3)
    .default(['authorization_code', 'refresh_token']),
  corsOrigins: z.array(originSchema).max(32).default([]),
  allowedScope: scopeSchema.default('openid profile offline_access'),
});

/** The rules that tie a client's fields together; `issue` reports one at a path. */
export function checkClientFields(
  client: z.output<typeof clientFieldsSchema>,
  issue: (path: string, message: string) => void,
): void {
  const grants = new Set(client.grantTypes);
  if (new Set(client.grantTypes).size !== client.grantTypes.length) {
    issue('grantTypes', 'lists a grant twice');
  }
  if (client.kind === 'public' && grants.has('client_credentials')) {
    issue('grantTypes', 'client_credentials is for confidential clients only');
  }
  if (client.kind === 'public' && client.backchannelLogoutUri !== null) {
    issue('backchannelLogoutUri', 'only confidential clients (services) receive logout tokens');
  }
  if (grants.has('authorization_code') && client.redirectUris.length === 0) {
    issue('redirectUris', 'the authorization_code grant needs at least one redirect URI');
  }
  if (grants.has('refresh_token') && !grants.has('authorization_code')) {
    issue('grantTypes', 'refresh_token comes only with authorization_code');
  }
  if (client.kind === 'confidential' && client.corsOrigins.length > 0) {
    issue('corsOrigins', 'only public (browser) clients get CORS; confidential ones keep a secret');
  }
}

/** Input of `clients.create`; a confidential client's secret is generated and returned once. */
export const createClientInputSchema = clientFieldsSchema
  .extend({ clientId: clientIdSchema.optional() })
  .strict()
  .superRefine((client, context) =>
    checkClientFields({ ...client, clientId: client.clientId ?? 'new' }, (path, message) =>
      context.addIssue({ code: 'custom', path: [path], message }),
    ),
  );

/** A client as the console sees it: never its secret, nor the secret's hash. */
export interface ClientDto {
  readonly clientId: string;
  readonly name: string;
  readonly kind: ClientKind;
  readonly redirectUris: readonly string[];
  /** Set for downstream services: where logout tokens go. */
  readonly backchannelLogoutUri: string | null;
  readonly grantTypes: readonly GrantType[];
  readonly corsOrigins: readonly string[];
  readonly allowedScope: string;
  /** Whether the client authenticates with a secret. */
  readonly hasSecret: boolean;
  readonly createdMs: number;
}

/** Output of `clients.create`. */
export interface CreatedClientDto {
  readonly client: ClientDto;
  /** The generated secret of a confidential client, shown this once and stored only hashed. */
  readonly clientSecret: string | null;
}

/** A user id: same alphabet as a client id. */
export const userIdSchema = clientIdSchema;

/** What every way of declaring a local user shares. */
export const userFieldsSchema = z.object({
  userId: userIdSchema.optional(),
  username: z
    .string()
    .min(1)
    .max(128)
    .regex(/^[^\s\p{C}]+$/u, { message: 'must not contain spaces or control characters' }),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(8, { message: 'must be at least 8 characters' }).max(1024),
});

/** Input of `users.create`; without a userId, the username is the id. */
export const createUserInputSchema = userFieldsSchema.strict();

/** A local user as the console sees it: never the password hash. */
export interface UserDto {
  readonly userId: string;
  readonly username: string;
  readonly displayName: string;
  readonly createdMs: number;
}

const uriScheme = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** Schemes a browser would run or render in place of handing the URI to an app. */
const refusedSchemes = new Set(['javascript', 'data', 'vbscript', 'file', 'blob', 'about']);

function isRedirectUri(value: string): boolean {
  // No fragment, no whitespace or characters that must be percent-encoded in a URI.
  if (/[\s#<>"\\^`{|}\p{C}]/u.test(value)) return false;
  const scheme = uriScheme.exec(value)?.[1]?.toLowerCase();
  if (scheme === undefined || refusedSchemes.has(scheme)) return false;
  if (scheme === 'http' || scheme === 'https') return /^https?:\/\/[^/?@]+/i.test(value);
  return value.length > scheme.length + 1;
}

/** An origin as a browser serialises it: lowercase host, no default port, no trailing slash. */
function isOrigin(value: string): boolean {
  const match = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::([1-9][0-9]{0,4}))?$/.exec(value);
  if (!match) return false;
  const port = match[3] === undefined ? null : Number(match[3]);
  if (port === null) return true;
  const defaultPort = match[1] === 'http' ? 80 : 443;
  return port <= 65_535 && port !== defaultPort;
}

function isHttpUrl(value: string): boolean {
  return !/[\s#<>"\\^`{|}\p{C}]/u.test(value) && /^https?:\/\/[^/?@]+/i.test(value);
}
