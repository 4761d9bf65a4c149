import type { DemoScenario, Policy } from '../../shared/contract';
import type { ConfigFile } from '../core/oauth/config-file';

const minute = 60;
const hour = 60 * minute;
const day = 24 * hour;

/** A local user of the demo; every password is known so the virtual users can type it. */
export interface DemoUser {
  readonly username: string;
  readonly displayName: string;
  readonly password: string;
}

const names = [
  ['ana', 'Ana Souza'],
  ['ben', 'Ben Okafor'],
  ['chloe', 'Chloé Martin'],
  ['dev', 'Dev Patel'],
  ['emma', 'Emma Larsen'],
  ['farid', 'Farid Haddad'],
  ['grace', 'Grace Kim'],
  ['hugo', 'Hugo Weber'],
] as const;

export const demoUsers: readonly DemoUser[] = names.map(([username, displayName]) => ({
  username,
  displayName,
  password: `${username}-demo-password`,
}));

/** An app the virtual users log in to: each has its own redirect URI (never fetched). */
export interface DemoApp {
  readonly clientId: string;
  /** Confidential apps authenticate with this secret; public ones rely on PKCE alone. */
  readonly secret: string | null;
  readonly redirectUri: string;
}

export const webApp: DemoApp = {
  clientId: 'demo-web',
  secret: 'demo-web-secret-for-the-offline-demo',
  redirectUri: 'http://127.0.0.1/demo-web/callback',
};
export const mobileApp: DemoApp = {
  clientId: 'demo-mobile',
  secret: null,
  redirectUri: 'com.example.tessera-demo:/callback',
};
export const demoApps: readonly DemoApp[] = [webApp, mobileApp];

/** A backend job that gets tokens for itself (client_credentials). */
export const backendService = {
  clientId: 'demo-backend',
  secret: 'demo-backend-secret-for-the-offline-demo',
} as const;

/** How a simulated downstream service answers back-channel logouts. */
export type ServiceBehaviour = 'healthy' | 'flaky' | 'down';

/** A downstream service: introspects the apps' tokens, reports logins, is told of logouts. */
export interface DemoServiceSpec {
  readonly clientId: string;
  readonly name: string;
  readonly secret: string;
  readonly behaviour: ServiceBehaviour;
}

export const demoServices: readonly DemoServiceSpec[] = [
  { clientId: 'demo-orders', name: 'Orders (healthy)', behaviour: 'healthy' },
  { clientId: 'demo-billing', name: 'Billing (answers 503 at times)', behaviour: 'flaky' },
  { clientId: 'demo-reports', name: 'Reports (down)', behaviour: 'down' },
].map((service) => ({
  ...service,
  behaviour: service.behaviour as ServiceBehaviour,
  secret: `${service.clientId}-secret-for-the-offline-demo`,
}));

/** The clients, services and users of the demo, with each service's logout URI of this run. */
export function demoConfig(logoutUris: ReadonlyMap<string, string>): ConfigFile {
  const scope = 'openid profile offline_access orders.read';
  return {
    clients: [
      {
        clientId: webApp.clientId,
        name: 'Demo web app',
        kind: 'confidential',
        secret: webApp.secret ?? undefined,
        redirectUris: [webApp.redirectUri],
        backchannelLogoutUri: null,
        grantTypes: ['authorization_code', 'refresh_token'],
        corsOrigins: [],
        allowedScope: scope,
      },
      {
        clientId: mobileApp.clientId,
        name: 'Demo mobile app',
        kind: 'public',
        redirectUris: [mobileApp.redirectUri],
        backchannelLogoutUri: null,
        grantTypes: ['authorization_code', 'refresh_token'],
        corsOrigins: [],
        allowedScope: scope,
      },
      {
        clientId: backendService.clientId,
        name: 'Demo backend job',
        kind: 'confidential',
        secret: backendService.secret,
        redirectUris: [],
        backchannelLogoutUri: null,
        grantTypes: ['client_credentials'],
        corsOrigins: [],
        allowedScope: 'orders.read',
      },
    ],
    services: demoServices.map((service) => ({
      clientId: service.clientId,
      name: service.name,
      secret: service.secret,
      backchannelLogoutUri: logoutUris.get(service.clientId)!,
      redirectUris: [],
      grantTypes: ['client_credentials'],
      corsOrigins: [],
      allowedScope: '',
    })),
    users: [...demoUsers],
  };
}

/**
 * The demo's policy. One deliberate mistake, as in the incidents that motivated Tessera: the
 * session cookie lasts 5 minutes while the tokens last far longer, so the lint has something to
 * say. Sessions idle out after 8 hours, which a fast-forwarded clock reaches in seconds.
 */
export const demoPolicy: Policy = {
  accessTokenSeconds: 10 * minute,
  refreshIdleSeconds: 8 * hour,
  refreshAbsoluteSeconds: 7 * day,
  sessionIdleSeconds: 8 * hour,
  sessionMaxSeconds: 7 * day,
  cookieMaxAgeSeconds: 5 * minute,
  reuseGraceSeconds: 0,
  rotateRefreshTokens: true,
  keyRotationSeconds: day,
  signingAlg: 'ES256',
  historyRetentionSeconds: 30 * day,
  clientRefreshesPerSecond: 5_000,
  sessionRefreshesPerMinute: 30,
};

/**
 * "Misconfigured lifetimes": access tokens outlive the refresh token's idle window and the
 * session's idle timeout is short, so users are logged out while their tokens still verify.
 */
const misconfiguredPolicy: Policy = {
  ...demoPolicy,
  accessTokenSeconds: 2 * hour,
  refreshIdleSeconds: 30 * minute,
  sessionIdleSeconds: 30 * minute,
};

/** The scenario a policy in force belongs to: the demo resumes where it was left. */
export function scenarioOf(policy: Policy): DemoScenario {
  const misconfigured = (Object.keys(misconfiguredPolicy) as Array<keyof Policy>).every(
    (key) => policy[key] === misconfiguredPolicy[key],
  );
  return misconfigured ? 'misconfigured_lifetimes' : 'normal_day';
}

/** The policy each scenario runs under. */
export const scenarioPolicies: Readonly<Record<DemoScenario, Policy>> = {
  normal_day: demoPolicy,
  token_theft: demoPolicy,
  misconfigured_lifetimes: misconfiguredPolicy,
};
