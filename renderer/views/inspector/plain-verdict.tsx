import { useEffect } from 'react';
import { tokenVerdict } from '../../../shared/jwt/verdict';
import { useNowSeconds } from '../../components/use-now';
import { useInspector } from '../../stores/inspector';

const toneClasses = { ok: 'verdict-valid', bad: 'verdict-invalid', unknown: 'muted' } as const;

/** What a support person reads to a user: why this token works or not, in one or two sentences. */
export function PlainVerdict() {
  const verification = useInspector((state) => state.verification);
  const policy = useInspector((state) => state.policy);
  const loadPolicy = useInspector((state) => state.loadPolicy);
  const server = verification.state === 'done' ? verification.inspection.server : null;
  // A token the server knows is judged on its clock (the demo's, when it runs); others on ours.
  const now = useNowSeconds(15_000, server ? 'server' : 'local');
  useEffect(() => void loadPolicy(), [loadPolicy]);

  if (verification.state !== 'done') return null;
  const { payload } = verification.inspection;
  const verdict = tokenVerdict({ payload, server, policy, nowSeconds: now });
  return (
    <section aria-labelledby="inspector-plain-verdict">
      <h2 id="inspector-plain-verdict">In plain words</h2>
      <p
        className={`verdict ${toneClasses[verdict.tone]}`}
        data-plain-verdict={verdict.id}
        role="status"
        aria-label="Verdict"
      >
        {verdict.sentence}
      </p>
    </section>
  );
}
