import { useState } from 'react';
import type { JsonValue } from '../../shared/jwt';
import { revealInvisible } from '../../shared/text/reveal-invisible';

const previewChars = 400;

/**
 * Shows untrusted content (claims from a pasted token) as plain text only: never markup, never
 * a link, invisible and reordering characters made visible, long values folded.
 */
export function InertText({ value }: { value: JsonValue }) {
  const [expanded, setExpanded] = useState(false);
  const text = revealInvisible(typeof value === 'string' ? value : JSON.stringify(value));
  const long = text.length > previewChars;
  return (
    <span className="inert">
      {long && !expanded ? `${text.slice(0, previewChars)}…` : text}
      {long && (
        <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : `Show all ${text.length.toLocaleString()} characters`}
        </button>
      )}
    </span>
  );
}
