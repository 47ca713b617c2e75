// lsof's field output in its two forms. Fixtures written by hand for macOS keep one field per
// line (lsof -F, NL-terminated, readable); the backend asks for -F…0, where each field ends with
// NUL and each process or file set with NL (lsof.8, OUTPUT FOR OTHER PROGRAMS).

/** The same fields, as lsof -F…0 writes them. */
export function toNulFields(text: string): string {
  let out = '';
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if ((line[0] === 'p' || line[0] === 'f') && out !== '') out += '\n';
    out += `${line}\0`;
  }
  return `${out}\n`;
}
