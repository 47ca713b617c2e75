import { describe, expect, it } from 'vitest';
import { hasHiddenControls, revealControls } from '../../shared/visible-text';

describe('revealControls', () => {
  it('leaves ordinary text, including non-Latin scripts, untouched', () => {
    for (const text of ['firefox', '/usr/lib/firefox/firefox', 'Grüße 東京 مرحبا', '']) {
      expect(revealControls(text)).toBe(text);
      expect(hasHiddenControls(text)).toBe(false);
    }
  });

  it('shows a right-to-left override, so "gnp.exe" cannot pass for "exe.png"', () => {
    expect(revealControls('invoice\u202egnp.exe')).toBe('invoice⟦U+202E⟧gnp.exe');
  });

  it('turns C0 controls and DEL into control pictures, C1 into tags', () => {
    expect(revealControls('a\x1b[31mred\x00\x7f')).toBe('a␛[31mred␀␡');
    expect(revealControls('x\u009by')).toBe('x⟦U+009B⟧y');
    expect(revealControls('zero\u200bwidth\ufeff')).toBe('zero⟦U+200B⟧width⟦U+FEFF⟧');
  });

  it('keeps line breaks and tabs only when asked', () => {
    expect(revealControls('a\nb\tc')).toBe('a␊b␉c');
    expect(revealControls('a\r\nb\tc', { keepLineBreaks: true })).toBe('a\r\nb␉c');
    expect(revealControls('a\rb', { keepLineBreaks: true })).toBe('a␍b');
    expect(revealControls('a\tb', { keepTabs: true })).toBe('a\tb');
    expect(hasHiddenControls('a\nb', { keepLineBreaks: true })).toBe(false);
  });

  it('shows line separators, deprecated format characters and invisible TAG characters', () => {
    expect(revealControls('a\u2028b\u2029c')).toBe('a⟦U+2028⟧b⟦U+2029⟧c');
    expect(revealControls('soft\u00adhyphen\u206a')).toBe('soft⟦U+00AD⟧hyphen⟦U+206A⟧');
    // "hi" spelled in TAG characters (U+E0068 U+E0069): invisible ASCII smuggled into a name.
    expect(revealControls('ok\u{E0068}\u{E0069}')).toBe('ok⟦U+E0068⟧⟦U+E0069⟧');
    // Other astral characters are left alone.
    expect(revealControls('\u{1F600}\u{E0100}')).toBe('\u{1F600}\u{E0100}');
    expect(hasHiddenControls('\u{E0041}')).toBe(true);
  });
});
