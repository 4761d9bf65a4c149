/**
 * The little of oidc-provider 9's API the benchmark peer uses (the package ships no types).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  interface SavedModel {
    save(): Promise<string>;
  }
  interface GrantModel extends SavedModel {
    addOIDCScope(scope: string): void;
    addResourceScope(resource: string, scope: string): void;
  }
  interface ClientModel {
    readonly clientId: string;
  }
  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    readonly Client: { find(id: string): Promise<ClientModel | undefined> };
    readonly Grant: new (fields: { accountId: string; clientId: string }) => GrantModel;
    readonly RefreshToken: new (fields: Record<string, unknown>) => SavedModel;
    readonly AccessToken: new (fields: Record<string, unknown>) => SavedModel;
  }
}
