import { policyFields } from '../../../shared/policy/policy-draft';
import { ErrorNotice } from '../../components/error-notice';
import { selectIsAdmin, useConnection } from '../../stores/connection';
import { usePolicy } from '../../stores/policy';
import { PolicyField } from './policy-field';

/**
 * The policy's fields and, for an admin, saving them as a new version. Support may edit too, to
 * try a change against the lint and the what-if, but is offered no save (the server refuses it).
 */
export function PolicyEditor() {
  const isAdmin = useConnection(selectIsAdmin);
  const version = usePolicy((state) => state.current?.version ?? 0);
  const dirty = usePolicy((state) => state.dirty);
  const overtaken = usePolicy(
    (state) => state.dirty && state.draftBase !== (state.current?.version ?? null),
  );
  const readable = usePolicy((state) => state.read?.ok === true);
  const save = usePolicy((state) => state.save);
  const saveDraft = usePolicy((state) => state.saveDraft);
  const discard = usePolicy((state) => state.discard);

  return (
    <form
      className="policy-editor"
      aria-label="Lifetimes"
      onSubmit={(event) => {
        event.preventDefault();
        void saveDraft();
      }}
    >
      <div className="policy-fields">
        {policyFields.map((spec) => (
          <PolicyField key={spec.field} spec={spec} />
        ))}
      </div>
      {overtaken && (
        <p className="notice policy-overtaken" role="alert">
          Version {version} was stored while you edited; saving replaces it with this draft. Discard
          changes to start from it.
        </p>
      )}
      <div className="policy-actions">
        {isAdmin ? (
          <button
            type="submit"
            className="policy-save"
            disabled={!dirty || !readable || save.state === 'saving'}
          >
            Save as version {version + 1}
          </button>
        ) : (
          <p className="muted">Only an admin can store a policy; edits here are for trying out.</p>
        )}
        <button type="button" disabled={!dirty} onClick={discard}>
          Discard changes
        </button>
        {dirty && !readable && (
          <span className="policy-hint">Correct the marked fields to save.</span>
        )}
        <span role="status" className="policy-save-result">
          {save.state === 'saving' && 'Saving…'}
          {save.state === 'saved' && `Saved as version ${save.version}.`}
        </span>
      </div>
      {save.state === 'failed' && <ErrorNotice error={save.error} />}
    </form>
  );
}
