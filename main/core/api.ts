import type { KeyMaterial, SignatureVerdict } from '../../shared/contract';
import { decodeJwt, lintJwt } from '../../shared/jwt';
import type { Clock } from './clock';
import type { Handlers } from './dispatch';
import type { EventBus } from './events/event-bus';
import { TesseraError } from './tessera-error';

/** What the contract's implementation is built on; composed by main/index.ts or main/serve.ts. */
export interface ApiDeps {
  readonly version: string;
  readonly dataDir: string;
  readonly clock: Clock;
  readonly bus: EventBus;
  readonly startedAtMs: number;
  readonly verifySignature: (token: string, key: KeyMaterial) => Promise<SignatureVerdict>;
}

/** Implements every call of the contract on top of the core services. */
export function createApi(deps: ApiDeps): Handlers {
  return {
    status: (_input, caller) => ({
      version: deps.version,
      role: caller.role,
      dataDir: deps.dataDir,
      startedAtMs: deps.startedAtMs,
      nowMs: deps.clock.nowMs(),
    }),

    'tokens.inspect': async ({ token, key }, caller) => {
      const decoded = decodeJwt(token);
      if (!decoded.ok) throw new TesseraError(decoded.error.code, decoded.error.message);
      const { header, payload } = decoded.jwt;
      const checkedAtMs = deps.clock.nowMs();
      const signature = key ? await deps.verifySignature(token, key) : null;
      deps.bus.emit('token.inspected', {
        alg: typeof header.alg === 'string' ? header.alg : null,
        kid: typeof header.kid === 'string' ? header.kid : null,
        iss: typeof payload.iss === 'string' ? payload.iss : null,
        signature: signature?.status ?? 'unchecked',
        by: caller.name,
      });
      return {
        header,
        payload,
        findings: lintJwt(decoded.jwt, Math.floor(checkedAtMs / 1000)),
        signature,
        checkedAtMs,
      };
    },
  };
}
