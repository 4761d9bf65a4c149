import { ErrorNotice } from '../../components/error-notice';
import { useInspector } from '../../stores/inspector';

/** The signature check's outcome, in words. */
export function SignatureVerdict() {
  const verification = useInspector((state) => state.verification);
  const unchecked = (
    <p className="muted" data-verdict="unchecked">
      Signature not checked: paste a key or an issuer URL.
    </p>
  );
  switch (verification.state) {
    case 'idle':
      return unchecked;
    case 'checking':
      return (
        <p className="muted" data-verdict="checking" aria-live="polite">
          Checking the signature…
        </p>
      );
    case 'failed':
      return <ErrorNotice error={verification.error} />;
    case 'done': {
      const verdict = verification.inspection.signature;
      if (!verdict) return unchecked;
      return (
        <div
          className={`verdict verdict-${verdict.status}`}
          data-verdict={verdict.status}
          role="status"
        >
          <strong>
            {verdict.status === 'valid'
              ? 'Signature verified'
              : verdict.status === 'invalid'
                ? 'Signature NOT verified'
                : 'Could not check'}
          </strong>{' '}
          {verdict.message}
          {verdict.code && <code> {verdict.code}</code>}
        </div>
      );
    }
  }
}
