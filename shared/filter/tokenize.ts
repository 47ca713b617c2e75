// Splits filter text into terms: `word`, `"two words"`, `field:value`, `field:"a b"`, `-term`, and
// the bare keyword `OR`. Positions are 0-based offsets into the original text, so the filter box
// can point at the exact character it could not read.

export interface RawTerm {
  /** Lower-case field name, or null for a plain word. */
  field: string | null;
  value: string;
  negated: boolean;
  /** The bare, unquoted keyword OR between two terms. */
  isOr: boolean;
  /** Offset of the term's first character (its '-' when negated). */
  start: number;
  /** Offset of the value's first character (after `field:`), for value errors. */
  valueStart: number;
  end: number;
}

export class FilterSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const isSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';

/** A field name is letters only, so `fe80::1`, `21:46` or `::1` stay plain words. */
const isLetter = (code: number) => (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * Reads one value from `start`: bare characters up to whitespace, with quoted sections ("a b")
 * anywhere inside; `\"` and `\\` escape inside quotes. Returns the value and where it ended.
 * Runs of plain characters are copied as slices, not a character at a time.
 */
function readValue(text: string, start: number): { value: string; end: number; quoted: boolean } {
  let value = '';
  let quoted = false;
  let i = start;
  while (i < text.length && !isSpace(text[i]!)) {
    if (text.charCodeAt(i) !== QUOTE) {
      const run = i;
      while (i < text.length && text.charCodeAt(i) !== QUOTE && !isSpace(text[i]!)) i += 1;
      value += text.slice(run, i);
      continue;
    }
    quoted = true;
    const open = i;
    i += 1;
    let run = i;
    for (;;) {
      if (i >= text.length) {
        throw new FilterSyntaxError('Unbalanced quote: add the closing "', open);
      }
      const inner = text.charCodeAt(i);
      const next = text.charCodeAt(i + 1);
      if (inner === BACKSLASH && (next === QUOTE || next === BACKSLASH)) {
        value += text.slice(run, i) + text[i + 1];
        i += 2;
        run = i;
      } else if (inner === QUOTE) {
        value += text.slice(run, i);
        i += 1;
        break;
      } else {
        i += 1;
      }
    }
  }
  return { value, end: i, quoted };
}

export function tokenize(text: string): RawTerm[] {
  const terms: RawTerm[] = [];
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i]!)) {
      i += 1;
      continue;
    }
    const start = i;
    let negated = false;
    if (text[i] === '-') {
      negated = true;
      i += 1;
      if (i >= text.length || isSpace(text[i]!)) {
        throw new FilterSyntaxError('Nothing after "-": write -word or -field:value', start);
      }
    }
    // A field name is a run of letters directly followed by ':' (and not inside quotes).
    let field: string | null = null;
    let valueStart = i;
    // Only the letters at hand are looked at: searching the rest of the text for a ':' on every
    // term would make a long filter quadratic.
    let colon = i;
    while (colon < text.length && isLetter(text.charCodeAt(colon))) colon += 1;
    if (colon > i && text[colon] === ':') {
      field = text.slice(i, colon).toLowerCase();
      valueStart = colon + 1;
    }
    const { value, end, quoted } = readValue(text, valueStart);
    if (field === null && !negated && !quoted && value === 'OR') {
      terms.push({ field, value, negated, isOr: true, start, valueStart, end });
    } else {
      terms.push({ field, value, negated, isOr: false, start, valueStart, end });
    }
    i = end;
  }
  return terms;
}
