import { describe, expect, it } from 'vitest';
import { revealInvisible } from './reveal-invisible';

describe('revealInvisible', () => {
  it('marks bidi overrides so text cannot be visually reordered', () => {
    expect(revealInvisible('admin\u202Etxt.exe')).toBe('admin⟨U+202E⟩txt.exe');
    expect(revealInvisible('a\u2066b\u2069')).toBe('a⟨U+2066⟩b⟨U+2069⟩');
  });

  it('marks zero-width and control characters', () => {
    expect(revealInvisible('ad\u200Bmin\u0000')).toBe('ad⟨U+200B⟩min⟨U+0000⟩');
  });

  it('leaves ordinary text, newlines, tabs and non-Latin scripts alone', () => {
    const text = 'Zoë — 東京\tline\nnext <b>bold</b>';
    expect(revealInvisible(text)).toBe(text);
  });
});
