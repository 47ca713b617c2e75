// XML: <connections> with one <connection id="…"> per row and one element per column, named by
// the column id (processName, localPort …) and holding the column's text. XML 1.0 cannot carry
// most control characters (U+0000-U+001F except tab, LF and CR), lone surrogates, U+FFFE or
// U+FFFF, not even as character references (https://www.w3.org/TR/xml/#charsets). Process names
// and command lines may hold them (an ESC colour code), so they are written visibly rather than
// dropped: a C0 control as its Unicode control picture (U+2400 + its code, so ESC shows as ␛ and
// NUL as ␀), anything else as U+FFFD; a comment at the end of the file says how many. CR is
// written as &#13; so a parser does not turn it into LF.
import type { Connection } from '../model';
import { resolveColumns, ROWS_PER_CHUNK } from './columns';
import type { ExportOptions } from './formats';

// Everything outside Char ::= #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
// With the u flag a lone surrogate is one code point in [\uD800-\uDFFF], a valid pair is above it.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const TEXT_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '\r': '&#13;',
};
// Attribute values also normalise tab and line breaks to spaces unless written as references.
const ATTRIBUTE_ESCAPES: Record<string, string> = {
  ...TEXT_ESCAPES,
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
};

/** The character written in place of one XML 1.0 cannot carry. */
function visibleStandIn(character: string): string {
  const code = character.charCodeAt(0);
  return character.length === 1 && code < 0x20 ? String.fromCharCode(0x2400 + code) : '\uFFFD';
}

/** `text` as the XML export writes it (before escaping markup): see the top of this file. */
export function visibleXmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, visibleStandIn);
}

/** Counts what it replaces, so the file can say so. */
export class XmlEscaper {
  replaced = 0;

  private clean(text: string): string {
    return text.replace(NOT_XML_CHAR, (character) => {
      this.replaced += 1;
      return visibleStandIn(character);
    });
  }

  text(value: string): string {
    return this.clean(value).replace(/[&<>\r]/g, (ch) => TEXT_ESCAPES[ch]!);
  }

  attribute(value: string): string {
    return this.clean(value).replace(/[&<>\r"\t\n]/g, (ch) => ATTRIBUTE_ESCAPES[ch]!);
  }
}

export function* xmlChunks(
  rows: Iterable<Connection>,
  options: Pick<ExportOptions, 'columns' | 'meta'>,
): Generator<string> {
  const columns = resolveColumns(options.columns);
  const escape = new XmlEscaper();
  const { meta } = options;
  yield (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<connections generator="Portscope" host="${escape.attribute(meta.hostName)}"` +
    ` generated="${new Date(meta.generatedAt).toISOString()}" filter="${escape.attribute(meta.filter)}">\n`
  );
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    const severity = row.suspicion ? ` severity="${row.suspicion.severity}"` : '';
    chunk += `<connection id="${escape.attribute(row.id)}"${severity}>`;
    for (const column of columns) {
      const value = column.text(row);
      chunk +=
        value === '' ? `<${column.id}/>` : `<${column.id}>${escape.text(value)}</${column.id}>`;
    }
    chunk += '</connection>\n';
    count += 1;
    if (count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  const note =
    escape.replaced === 0
      ? ''
      : `<!-- ${escape.replaced} character(s) that XML 1.0 cannot carry are written as Unicode ` +
        `control pictures (U+2400-U+241F) or U+FFFD -->\n`;
  yield `${chunk}</connections>\n${note}`;
}
