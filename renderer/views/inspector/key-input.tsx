import { useInspector, type KeyKind } from '../../stores/inspector';

const kinds: readonly { kind: KeyKind; label: string; placeholder: string }[] = [
  { kind: 'jwks', label: 'JWKS', placeholder: '{"keys":[…]}' },
  { kind: 'jwk', label: 'JWK', placeholder: '{"kty":"EC",…}' },
  { kind: 'pem', label: 'PEM public key', placeholder: '-----BEGIN PUBLIC KEY-----' },
  { kind: 'secret', label: 'HMAC secret', placeholder: 'the shared secret' },
  {
    kind: 'issuer',
    label: 'Issuer URL',
    placeholder: 'https://issuer.example (its published keys are used)',
  },
];

/** Where the operator pastes what to verify the signature with. */
export function KeyInput() {
  const keyKind = useInspector((state) => state.keyKind);
  const keyText = useInspector((state) => state.keyText);
  const setKey = useInspector((state) => state.setKey);
  const current = kinds.find((entry) => entry.kind === keyKind) ?? kinds[0]!;
  return (
    <fieldset className="key-input">
      <legend>Verify the signature with</legend>
      <div className="segmented" role="radiogroup" aria-label="Key kind">
        {kinds.map((entry) => (
          <label key={entry.kind} className={entry.kind === keyKind ? 'selected' : ''}>
            <input
              type="radio"
              name="key-kind"
              value={entry.kind}
              checked={entry.kind === keyKind}
              onChange={() => setKey(entry.kind, keyText)}
            />
            {entry.label}
          </label>
        ))}
      </div>
      {keyKind === 'issuer' ? (
        <input
          type="url"
          aria-label="Issuer URL"
          placeholder={current.placeholder}
          value={keyText}
          onChange={(event) => setKey(keyKind, event.target.value)}
        />
      ) : (
        <textarea
          aria-label={current.label}
          placeholder={current.placeholder}
          spellCheck={false}
          rows={4}
          value={keyText}
          onChange={(event) => setKey(keyKind, event.target.value)}
        />
      )}
    </fieldset>
  );
}
