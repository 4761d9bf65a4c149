import type { DemoServiceDto } from '../../shared/contract';
import type { ConfigFile } from '../core/oauth/config-file';

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
/** What the apps may ask for, and what every login of the demo asks for. */
export const appScope = 'openid profile offline_access orders.read';

/** A backend job that gets tokens for itself (client_credentials). */
export const backendService = {
  clientId: 'demo-backend',
  secret: 'demo-backend-secret-for-the-offline-demo',
  scope: 'orders.read',
} as const;

/** A downstream service: introspects the apps' tokens, reports logins, is told of logouts. */
export interface DemoServiceSpec {
  readonly clientId: string;
  readonly name: string;
  readonly secret: string;
  /** How it answers back-channel logouts. */
  readonly behaviour: DemoServiceDto['behaviour'];
}

const service = (
  clientId: string,
  name: string,
  behaviour: DemoServiceSpec['behaviour'],
): DemoServiceSpec => ({
  clientId,
  name,
  behaviour,
  secret: `${clientId}-secret-for-the-offline-demo`,
});

export const demoServices: readonly DemoServiceSpec[] = [
  service('demo-orders', 'Orders (healthy)', 'healthy'),
  service('demo-billing', 'Billing (answers 503 at times)', 'flaky'),
  service('demo-reports', 'Reports (down)', 'down'),
];

/** The clients, services and users of the demo, with each service's logout URI of this run. */
export function demoConfig(logoutUris: ReadonlyMap<string, string>): ConfigFile {
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
        allowedScope: appScope,
      },
      {
        clientId: mobileApp.clientId,
        name: 'Demo mobile app',
        kind: 'public',
        redirectUris: [mobileApp.redirectUri],
        backchannelLogoutUri: null,
        grantTypes: ['authorization_code', 'refresh_token'],
        corsOrigins: [],
        allowedScope: appScope,
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
        allowedScope: backendService.scope,
      },
    ],
    services: demoServices.map(({ clientId, name, secret }) => ({
      clientId,
      name,
      secret,
      backchannelLogoutUri: logoutUris.get(clientId)!,
      redirectUris: [],
      grantTypes: ['client_credentials'],
      corsOrigins: [],
      allowedScope: '',
    })),
    users: [...demoUsers],
  };
}
