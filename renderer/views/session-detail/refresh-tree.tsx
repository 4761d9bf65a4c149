import { useState } from 'react';
import type {
  RefreshBranchDto,
  RefreshFamilyDto,
  RefreshTokenNodeDto,
} from '../../../shared/contract';
import { useNowSeconds } from '../../components/use-now';
import { When } from '../../components/when';

/** A stretch longer than this shows its ends only: a month of refreshes is thousands of tokens. */
const foldAbove = 40;
const keptAtEachEnd = 10;

/** A session's refresh families as trees: each token, what became of it, and where reuse was caught. */
export function RefreshTree({ families }: { families: readonly RefreshFamilyDto[] }) {
  // One clock for the whole tree: unfolded, a family is thousands of tokens, each a timer if its own.
  const now = useNowSeconds();
  if (families.length === 0) return <p className="muted">This session has no refresh tokens.</p>;
  return (
    <>
      {families.map((family) => (
        <div key={family.familyId} className="session-detail-family">
          <h3>
            Family <code>{family.familyId}</code>
          </h3>
          <Branch branch={family.root} label={`Refresh family ${family.familyId}`} now={now} />
        </div>
      ))}
    </>
  );
}

function Branch({ branch, label, now }: { branch: RefreshBranchDto; label?: string; now: number }) {
  const [unfolded, setUnfolded] = useState(false);
  const { tokens } = branch;
  const folded = !unfolded && tokens.length > foldAbove;
  const shown = folded
    ? [...tokens.slice(0, keptAtEachEnd), ...tokens.slice(-keptAtEachEnd)]
    : tokens;
  return (
    <ol className="session-detail-branch" aria-label={label}>
      {shown.map((token, index) => (
        <li key={token.generation}>
          <TokenNode token={token} now={now} />
          {folded && index === keptAtEachEnd - 1 && (
            <button type="button" className="link-button" onClick={() => setUnfolded(true)}>
              Show {(tokens.length - 2 * keptAtEachEnd).toLocaleString()} more tokens
            </button>
          )}
        </li>
      ))}
      {branch.forks.length > 0 && (
        <li className="session-detail-forks">
          {/* Forks come only from reuse or grace replays: one token exchanged more than once. */}
          {branch.forks.map((fork) => (
            <Branch key={fork.tokens[0]?.generation} branch={fork} now={now} />
          ))}
        </li>
      )}
    </ol>
  );
}

function TokenNode({ token, now }: { token: RefreshTokenNodeDto; now: number }) {
  return (
    <div
      className={`session-detail-token session-detail-token-${token.status}`}
      data-generation={token.generation}
      data-status={token.status}
      data-reused={token.reused || undefined}
    >
      <strong>#{token.generation}</strong> issued <When ms={token.issuedMs} now={now} />;{' '}
      {token.status === 'active' ? (
        <>
          live, unused until <When ms={token.idleExpiresMs} now={now} />
        </>
      ) : token.status === 'consumed' ? (
        <>
          exchanged
          {token.consumedMs !== null && (
            <>
              {' '}
              <When ms={token.consumedMs} now={now} />
            </>
          )}
        </>
      ) : (
        'revoked'
      )}
      {token.reused && (
        <span className="session-detail-reuse">
          {' '}
          Reuse detected: presented again after it had been exchanged
        </span>
      )}
    </div>
  );
}
