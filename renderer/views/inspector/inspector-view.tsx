import { useMemo } from 'react';
import { describeClaims, describeHeader, lintJwt } from '../../../shared/jwt';
import { ErrorNotice } from '../../components/error-notice';
import { useNowSeconds } from '../../components/use-now';
import { useConnection } from '../../stores/connection';
import { useInspector } from '../../stores/inspector';
import { ClaimsTable } from './claims-table';
import { FindingsList } from '../../components/findings-list';
import { KeyInput } from './key-input';
import { PlainVerdict } from './plain-verdict';
import { ServerTruth } from './server-truth';
import { SignatureVerdict } from './signature-verdict';

/** The token inspector: paste a token, read what it says and what is wrong with it. */
export function InspectorView() {
  const tokenText = useInspector((state) => state.tokenText);
  const decoded = useInspector((state) => state.decoded);
  const setToken = useInspector((state) => state.setToken);
  const issuer = useConnection((state) => state.status?.issuer);
  const jwt = decoded?.ok ? decoded.jwt : null;
  // This Tessera's tokens are judged on its clock (the demo's, when it runs); others on ours.
  const now = useNowSeconds(15_000, jwt?.payload.iss === issuer ? 'server' : 'local');

  const view = useMemo(
    () =>
      jwt && {
        findings: lintJwt(jwt, now),
        header: describeHeader(jwt.header),
        claims: describeClaims(jwt.payload, now),
      },
    [jwt, now],
  );

  return (
    <section className="view inspector" aria-labelledby="inspector-title">
      <h1 id="inspector-title">Token inspector</h1>
      <p className="muted">
        Decoding happens here, on this machine: the token goes to Tessera’s own process (to check it
        against the keys and sessions it knows), never to the network.
      </p>
      <div className="inspector-inputs">
        <label className="token-input">
          <span>Token</span>
          <textarea
            aria-label="Token"
            placeholder="Paste an access token (eyJ…) or an Authorization header"
            spellCheck={false}
            autoFocus
            rows={6}
            value={tokenText}
            onChange={(event) => setToken(event.target.value)}
          />
        </label>
        <KeyInput />
      </div>
      {decoded && !decoded.ok && <ErrorNotice error={decoded.error} />}
      {view && (
        <div className="inspector-results">
          <PlainVerdict />
          <h2>Signature</h2>
          <SignatureVerdict />
          <ServerTruth />
          <h2>Findings</h2>
          <FindingsList findings={view.findings} />
          <ClaimsTable caption="Header" claims={view.header} />
          <ClaimsTable caption="Claims" claims={view.claims} />
        </div>
      )}
    </section>
  );
}
