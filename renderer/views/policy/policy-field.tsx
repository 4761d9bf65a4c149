import { policySchema } from '../../../shared/contract';
import type { PolicyFieldSpec } from '../../../shared/policy/policy-draft';
import { usePolicy } from '../../stores/policy';

/**
 * One policy field: its label, what was typed, and, when it does not read, why, tied to the
 * input so a screen reader says it too.
 */
export function PolicyField({ spec }: { spec: PolicyFieldSpec }) {
  const { field, label, kind } = spec;
  const text = usePolicy((state) => state.draft?.[field] ?? '');
  const error = usePolicy((state) =>
    state.read?.ok === false ? state.read.errors[field] : undefined,
  );
  const edit = usePolicy((state) => state.edit);
  const id = `policy-${field}`;
  const errorId = `${id}-error`;
  const common = {
    id,
    'aria-invalid': error !== undefined,
    'aria-describedby': error === undefined ? undefined : errorId,
  };

  return (
    <div className={error === undefined ? 'policy-field' : 'policy-field policy-field-invalid'}>
      <label htmlFor={id}>{label}</label>
      {kind === 'switch' ? (
        <input
          {...common}
          type="checkbox"
          checked={text === 'true'}
          onChange={(event) => edit(field, String(event.target.checked))}
        />
      ) : kind === 'choice' ? (
        <select {...common} value={text} onChange={(event) => edit(field, event.target.value)}>
          {policySchema.shape.signingAlg.options.map((alg) => (
            <option key={alg}>{alg}</option>
          ))}
        </select>
      ) : (
        <input
          {...common}
          type="text"
          inputMode={kind === 'count' ? 'numeric' : undefined}
          spellCheck={false}
          placeholder={kind === 'duration' ? 'e.g. 24 h, 30 min' : undefined}
          value={text}
          onChange={(event) => edit(field, event.target.value)}
        />
      )}
      {error !== undefined && (
        <span id={errorId} className="policy-field-error">
          {error}
        </span>
      )}
    </div>
  );
}
