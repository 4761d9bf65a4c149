/** The strings that start with a prefix, as a half-open range an index can seek. */
export interface PrefixRange {
  readonly from: string;
  /** Exclusive; null when nothing sorts above the range (the prefix is all U+10FFFF). */
  readonly to: string | null;
}

const maxCodePoint = 0x10ffff;
const firstSurrogate = 0xd800;
const lastSurrogate = 0xdfff;

/**
 * The range `from <= text < to` holding exactly the texts that start with `prefix`, in SQLite's
 * BINARY order, for `column >= @from AND column < @to`: unlike `LIKE 'p%'` it uses an index, and
 * `%`, `_` or quotes in the prefix are plain characters.
 *
 * BINARY compares UTF-8 bytes, which is code point order, not JavaScript's UTF-16 code unit
 * order, so the upper bound increments the last code point rather than the last code unit:
 * U+FFFF + 1 is U+10000 (not an overflow), and a supplementary character is one step (its low
 * surrogate +1 could leave a lone surrogate that sorts below the prefix itself). Trailing
 * U+10FFFF has no successor and is dropped before incrementing the character before it. The
 * step skips the surrogate block so that the bound never pairs up with a preceding high
 * surrogate; only text containing lone surrogates, which no real id does, could fall in the gap.
 */
export function prefixRange(prefix: string): PrefixRange {
  const codePoints = Array.from(prefix, (char) => char.codePointAt(0) ?? 0);
  let end = codePoints.length;
  while (end > 0 && codePoints[end - 1] === maxCodePoint) end -= 1;
  const last = codePoints[end - 1];
  if (last === undefined) return { from: prefix, to: null };
  const next =
    last + 1 >= firstSurrogate && last + 1 <= lastSurrogate ? lastSurrogate + 1 : last + 1;
  return { from: prefix, to: String.fromCodePoint(...codePoints.slice(0, end - 1), next) };
}
