import type { KeyDto } from '../../../shared/contract';
import { useNowSeconds } from '../../components/use-now';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { useKeys } from '../../stores/keys';
import { When } from '../../components/when';

const stateLabels: Readonly<Record<KeyDto['state'], string>> = {
  next: 'next (published, not signing yet)',
  active: 'active (signing)',
  retired: 'retired (verifying only)',
  revoked: 'revoked',
};

/** Every signing key with its life so far and, for admins, what can be done to it. */
export function KeysTable({
  keys,
  onRevoke,
}: {
  keys: readonly KeyDto[];
  onRevoke: (kid: string) => void;
}) {
  const isAdmin = useConnection(selectIsAdmin);
  const pending = useKeys((state) => state.pending);
  const retire = useKeys((state) => state.retire);
  const now = useNowSeconds();
  return (
    <table className="keys-table" aria-label="Signing keys">
      <thead>
        <tr>
          <th scope="col">Key</th>
          <th scope="col">State</th>
          <th scope="col">Algorithm</th>
          <th scope="col">Created</th>
          <th scope="col">Activated</th>
          <th scope="col">Tokens outstanding</th>
          <th scope="col">Safe to retire at</th>
          {isAdmin && <th scope="col">Actions</th>}
        </tr>
      </thead>
      <tbody>
        {keys.map((key) => (
          <tr key={key.kid} data-kid={key.kid} data-state={key.state}>
            <th scope="row">
              <code>{key.kid}</code>
              {key.published && <span className="keys-published">published</span>}
            </th>
            <td>{stateLabels[key.state]}</td>
            <td>{key.alg}</td>
            <td>
              <When ms={key.createdMs} now={now} />
            </td>
            <td>{key.activatedMs === null ? '—' : <When ms={key.activatedMs} now={now} />}</td>
            <td>{key.outstandingTokens.toLocaleString()}</td>
            <td>
              {/* Its last token's expiry: until then, dropping it from the JWKS breaks tokens. */}
              {key.state === 'revoked' ? (
                '—'
              ) : key.lastTokenExpiresMs === null ? (
                'now (no tokens outstanding)'
              ) : (
                <When ms={key.lastTokenExpiresMs} now={now} />
              )}
            </td>
            {isAdmin && (
              <td>
                <div className="keys-actions">
                  {(key.state === 'next' || key.state === 'active') && (
                    <button
                      type="button"
                      disabled={pending !== null}
                      aria-label={`Retire ${key.kid}`}
                      onClick={() => void retire(key.kid)}
                    >
                      Retire
                    </button>
                  )}
                  {key.state !== 'revoked' && (
                    <button
                      type="button"
                      className="keys-danger"
                      disabled={pending !== null}
                      aria-label={`Revoke ${key.kid}`}
                      onClick={() => onRevoke(key.kid)}
                    >
                      Revoke…
                    </button>
                  )}
                </div>
              </td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
