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
});
