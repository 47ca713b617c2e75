// Text from outside (process names, command lines, paths, whois replies) shown to a person must
// not be able to hide or disguise itself. Control characters can move a terminal's cursor or
// recolour it (ESC sequences), and Unicode bidi controls can reverse how a name reads: with
// U+202E, "gnp.exe" displays as "exe.png". revealControls makes every such character visible:
//   C0 controls and DEL  -> their Control Pictures (U+2400 block): ESC -> ␛, NUL -> ␀, DEL -> ␡
//   C1 controls, bidi embeddings/overrides/isolates/marks, and invisible format characters
//                        -> a visible code point tag: ⟦U+202E⟧
// One pass, no backtracking: linear in the length of the text whatever it holds.
// Sources: Unicode 15 chapter 23.2 (Layout Controls), UAX #9 (bidi controls), ECMA-48 (C0/C1).

/** Format characters that change how neighbouring text displays, or are invisible. */
const INVISIBLE_FORMAT = new Set([
  0x00ad, // SOFT HYPHEN (invisible unless a line breaks there)
  0x061c, // ARABIC LETTER MARK
  0x180e, // MONGOLIAN VOWEL SEPARATOR
  0x200b, // ZERO WIDTH SPACE
  0x200c, // ZERO WIDTH NON-JOINER
  0x200d, // ZERO WIDTH JOINER
  0x200e, // LEFT-TO-RIGHT MARK
  0x200f, // RIGHT-TO-LEFT MARK
  0x202a, // LEFT-TO-RIGHT EMBEDDING
  0x202b, // RIGHT-TO-LEFT EMBEDDING
  0x202c, // POP DIRECTIONAL FORMATTING
  0x202d, // LEFT-TO-RIGHT OVERRIDE
  0x202e, // RIGHT-TO-LEFT OVERRIDE
  0x2028, // LINE SEPARATOR (a line break to some dialogs and text views)
  0x2029, // PARAGRAPH SEPARATOR
  0x2060, // WORD JOINER
  0x2066, // LEFT-TO-RIGHT ISOLATE
  0x2067, // RIGHT-TO-LEFT ISOLATE
  0x2068, // FIRST STRONG ISOLATE
  0x2069, // POP DIRECTIONAL ISOLATE
  0x206a, // INHIBIT SYMMETRIC SWAPPING … NOMINAL DIGIT SHAPES (deprecated format characters)
  0x206b,
  0x206c,
  0x206d,
  0x206e,
  0x206f,
  0xfeff, // ZERO WIDTH NO-BREAK SPACE (byte order mark)
  0xfff9, // INTERLINEAR ANNOTATION ANCHOR, SEPARATOR, TERMINATOR
  0xfffa,
  0xfffb,
]);

/**
 * TAG characters (U+E0000–U+E007F) are invisible copies of ASCII ("ASCII smuggling"). Outside the
 * BMP, so seen as a surrogate pair: U+DB40 then U+DC00–U+DC7F.
 */
const TAG_HIGH_SURROGATE = 0xdb40;
function isTagPair(text: string, i: number): boolean {
  if (text.charCodeAt(i) !== TAG_HIGH_SURROGATE) return false;
  const low = text.charCodeAt(i + 1);
  return low >= 0xdc00 && low <= 0xdc7f;
}

export interface RevealOptions {
  /** Keep "\n" (and "\r\n") as line breaks: for multi-line text such as a whois reply. */
  keepLineBreaks?: boolean;
  /** Keep "\t": for text laid out in columns by tabs. */
  keepTabs?: boolean;
}

function needsReveal(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    INVISIBLE_FORMAT.has(code) ||
    code === TAG_HIGH_SURROGATE
  );
}

/**
 * A line break or tab the caller keeps. A lone CR is never kept: on a terminal it returns to the
 * start of the line, so what follows would overwrite what came before.
 */
function keptAt(text: string, i: number, code: number, options: RevealOptions): boolean {
  if (options.keepTabs && code === 0x09) return true;
  if (!options.keepLineBreaks) return false;
  return code === 0x0a || (code === 0x0d && text.charCodeAt(i + 1) === 0x0a);
}

function tag(code: number): string {
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟦U+${code.toString(16).toUpperCase().padStart(4, '0')}⟧`;
}

/** Whether the character at `i` is revealed, and how many UTF-16 units it takes. */
function hiddenAt(text: string, i: number, code: number, options: RevealOptions): 0 | 1 | 2 {
  if (!needsReveal(code)) return 0;
  if (code === TAG_HIGH_SURROGATE) return isTagPair(text, i) ? 2 : 0;
  return keptAt(text, i, code, options) ? 0 : 1;
}

/** True when `text` holds a character revealControls would change (for a warning mark). */
export function hasHiddenControls(text: string, options: RevealOptions = {}): boolean {
  for (let i = 0; i < text.length; i++) {
    if (hiddenAt(text, i, text.charCodeAt(i), options) !== 0) return true;
  }
  return false;
}

/** `text` with every control and invisible format character shown (see the header). */
export function revealControls(text: string, options: RevealOptions = {}): string {
  // Fast path: most names and paths hold none.
  if (!hasHiddenControls(text, options)) return text;
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const units = hiddenAt(text, i, code, options);
    if (units === 0) continue;
    const point = units === 2 ? text.codePointAt(i)! : code;
    out += text.slice(start, i) + tag(point);
    i += units - 1;
    start = i + 1;
  }
  return out + text.slice(start);
}
