import type { ClaimView } from '../../../shared/jwt';
import { InertText } from '../../components/inert-text';

/** Claims (or header parameters) with their meaning and, for times, a date and "in 3 h". */
export function ClaimsTable({
  caption,
  claims,
}: {
  caption: string;
  claims: readonly ClaimView[];
}) {
  return (
    <table className="claims" aria-label={caption}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Claim</th>
          <th scope="col">Value</th>
          <th scope="col">Meaning</th>
        </tr>
      </thead>
      <tbody>
        {claims.map((claim) => (
          <tr key={claim.name} data-claim={claim.name}>
            <th scope="row">
              <InertText value={claim.name} />
            </th>
            <td>
              <InertText value={claim.value} />
              {claim.time && (
                <div className="claim-time">
                  <time dateTime={claim.time.iso}>{claim.time.iso}</time> · {claim.time.relative}
                </div>
              )}
            </td>
            <td className="muted">
              {claim.explanation || 'Private claim: its meaning is up to the issuer.'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
