/**
 * Characters that can make displayed text lie: bidirectional overrides and isolates (which
 * reorder what follows, "Trojan Source"), zero-width characters and C0/C1 controls.
 */
const invisible =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/** Replaces each invisible or reordering character with a visible `⟨U+202E⟩` marker. */
export function revealInvisible(text: string): string {
  return text.replace(
    invisible,
    (char) => `⟨U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}
