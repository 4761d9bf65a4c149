import { describe, expect, it } from 'vitest';
import { prefixRange } from './prefix-range';

describe('prefixRange', () => {
  it('increments the last character for an ordinary prefix', () => {
    expect(prefixRange('u12')).toEqual({ from: 'u12', to: 'u13' });
    expect(prefixRange('10.1.')).toEqual({ from: '10.1.', to: '10.1/' });
  });

  it('treats LIKE wildcards and quotes as plain characters', () => {
    expect(prefixRange('a%')).toEqual({ from: 'a%', to: 'a&' });
    expect(prefixRange('a_')).toEqual({ from: 'a_', to: 'a`' });
    expect(prefixRange("o'")).toEqual({ from: "o'", to: 'o(' });
  });

  it('steps from U+FFFF to U+10000 instead of overflowing the code unit', () => {
    expect(prefixRange('a\uffff').to).toBe('a\u{10000}');
  });

  it('increments a supplementary character as one code point', () => {
    expect(prefixRange('😀').to).toBe('😁');
    // U+103FF is D800 DFFF in UTF-16: incrementing the last code unit would give D800 E000, a
    // lone surrogate then U+E000, which sorts below U+103FF itself in UTF-8.
    expect(prefixRange('x\u{103ff}').to).toBe('x\u{10400}');
  });

  it('skips the surrogate block', () => {
    expect(prefixRange('a\ud7ff').to).toBe('a\ue000');
  });

  it('drops trailing U+10FFFF, which has no successor', () => {
    expect(prefixRange('a\u{10ffff}').to).toBe('b');
    expect(prefixRange('ab\u{10ffff}\u{10ffff}').to).toBe('ac');
    expect(prefixRange('\u{10ffff}')).toEqual({ from: '\u{10ffff}', to: null });
  });
});
