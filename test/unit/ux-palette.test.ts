// The window's palette (renderer/src/theme/palette.ts), in both themes: TCPView's marks, the
// suspicion severities, the selection, hover and the plain rows are each clearly a different
// colour from every other (issue 14: "notice, hover and selection are all blue", "danger pink vs
// closed red", "warning brown vs changed olive"), and text stays readable on every one of them.
import { describe, expect, it } from 'vitest';
import { DARK, LIGHT, type Palette } from '../../renderer/src/theme/palette';
import {
  colorDifference,
  contrast,
  deltaE2000,
  over,
  parseColor,
} from '../support/color-difference';

/** Clearly different colours: well beyond the ~2 of a just noticeable difference. */
const CLEARLY_APART = 10;
/** WCAG AAA for body text. */
const READABLE = 7;

function rowBackgrounds(palette: Palette): Record<string, string> {
  return {
    new: palette.marks.new,
    changed: palette.marks.changed,
    removed: palette.marks.removed,
    notice: palette.severity.notice,
    warning: palette.severity.warning,
    danger: palette.severity.danger,
    selection: palette.selection,
    hover: palette.hover,
    plain: palette.background,
  };
}

describe('CIEDE2000', () => {
  it("matches Sharma, Wu and Dalal's published test pairs", () => {
    // Pairs 1, 7 and 17 of the paper's table 1 (L*, a*, b*), with their ΔE00.
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(deltaE2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4);
  });
});

for (const palette of [LIGHT, DARK]) {
  describe(`the ${palette.mode} palette`, () => {
    const backgrounds = rowBackgrounds(palette);
    const names = Object.keys(backgrounds);

    it('keeps every kind of row background clearly apart from every other', () => {
      const tooClose: string[] = [];
      for (let i = 0; i < names.length; i++) {
        for (let j = i + 1; j < names.length; j++) {
          const [a, b] = [names[i]!, names[j]!];
          // Hover is a faint shade laid over the row: only it and the plain row may be near.
          if ([a, b].includes('hover') && [a, b].includes('plain')) continue;
          const difference = colorDifference(backgrounds[a]!, backgrounds[b]!, palette.background);
          if (difference < CLEARLY_APART) tooClose.push(`${a}/${b} ${difference.toFixed(1)}`);
        }
      }
      expect(tooClose).toEqual([]);
    });

    it('keeps the hover shade visible on a plain row and on a tinted one', () => {
      expect(
        colorDifference(palette.hover, palette.background, palette.background),
      ).toBeGreaterThan(3);
      const tint = parseColor(palette.severity.warning);
      const hovered = over(parseColor(palette.hover), tint);
      expect(deltaE2000Of(hovered, tint)).toBeGreaterThan(2);
    });

    it('keeps text readable (7:1) on every row background, and the severity signs visible', () => {
      const text = parseColor(palette.foreground);
      const base = parseColor(palette.background);
      for (const [name, color] of Object.entries(backgrounds)) {
        const parsed = parseColor(color);
        const opaque = parsed.a < 1 ? over(parsed, base) : parsed;
        expect(contrast(text, opaque), name).toBeGreaterThanOrEqual(READABLE);
      }
      // A severity's stripe and sign against its own tint and the plain background (3:1, WCAG
      // for graphics).
      for (const severity of ['notice', 'warning', 'danger'] as const) {
        const edge = parseColor(palette.severityEdge[severity]);
        expect(contrast(edge, parseColor(palette.severity[severity])), severity).toBeGreaterThan(2);
        expect(contrast(edge, base), severity).toBeGreaterThanOrEqual(3);
      }
    });
  });
}

function deltaE2000Of(a: ReturnType<typeof parseColor>, b: ReturnType<typeof parseColor>) {
  return colorDifference(`rgb(${a.r}, ${a.g}, ${a.b})`, `rgb(${b.r}, ${b.g}, ${b.b})`);
}
