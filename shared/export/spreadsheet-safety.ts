// OWASP CSV injection: a spreadsheet treats a cell that starts with = + - @ (and, in some
// programs, tab or carriage return) as a formula. Process names and command lines are chosen by
// whoever started the process, so every CSV/TSV cell that starts that way gets a leading single
// quote, which spreadsheets show as text. https://owasp.org/www-community/attacks/CSV_Injection
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}
