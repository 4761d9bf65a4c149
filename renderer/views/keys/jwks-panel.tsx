import type { KeysDto } from '../../../shared/contract';

/** The JWKS exactly as relying parties fetch it, so an admin can compare it with theirs. */
export function JwksPanel({ jwks }: { jwks: KeysDto['jwks'] }) {
  return (
    <section aria-labelledby="keys-jwks-title">
      <h2 id="keys-jwks-title">JWKS as published</h2>
      <pre className="keys-jwks" aria-label="Published JWKS" tabIndex={0}>
        {JSON.stringify(jwks, null, 2)}
      </pre>
    </section>
  );
}
