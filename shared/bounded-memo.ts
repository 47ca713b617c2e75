// Addresses repeat across the rows of a poll (10,000 sockets, a few dozen distinct peers), and
// parsing one with ipaddr.js costs microseconds: per-row callers share one answer per text.
// Bounded so a long run with many distinct peers cannot grow it without end (cleared when full,
// which keeps it simple and still answers the repeated addresses of the next poll).

/** Wrap a pure string -> value function with a cache of at most `maxEntries` answers. */
export function memoizeBounded<T>(
  compute: (text: string) => T,
  maxEntries = 8192,
): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    const known = answers.get(text);
    if (known !== undefined || answers.has(text)) return known as T;
    const value = compute(text);
    if (answers.size >= maxEntries) answers.clear();
    answers.set(text, value);
    return value;
  };
}
