// Which part of the filter text an error is about: the term (up to the next space) that starts at
// or contains the error's position, so the message names "port:80x", not the whole filter again.

export function offendingPart(filter: string, position: number): string {
  if (filter === '') return '';
  const at = Math.max(0, Math.min(position, filter.length));
  let start = at;
  while (start > 0 && !/\s/.test(filter[start - 1]!)) start -= 1;
  let end = at;
  while (end < filter.length && !/\s/.test(filter[end]!)) end += 1;
  const term = filter.slice(start, end);
  const MAX = 40;
  return term.length > MAX ? `${term.slice(0, MAX)}…` : term;
}
