// What lsof writes on stderr, sorted into warnings and problems. lsof warns about things that do
// not concern sockets at all (a file system it cannot stat, a stale device cache) and goes on;
// such warnings must not fail a poll or fill the status bar. Anything else it says is a problem a
// person may need to see ("lsof: can't open /proc/net/tcp: …").
// Format (lsof main.c / misc.c): "lsof: WARNING: <text>", often followed by indented lines
// ("      Output information may be incomplete.") that belong to the same warning.

export interface LsofStderr {
  /** Each warning, its continuation lines joined to it. */
  warnings: string[];
  /** Every other message, one per line, without the "lsof: " prefix. */
  problems: string[];
}

/**
 *   classifyLsofStderr("lsof: WARNING: can't stat() fuse file system /run/x\n" +
 *                      "      Output information may be incomplete.\n")
 *   -> { warnings: ["can't stat() fuse file system /run/x Output information may be incomplete."],
 *        problems: [] }
 */
export function classifyLsofStderr(stderr: string): LsofStderr {
  const warnings: string[] = [];
  const problems: string[] = [];
  let last: string[] | null = null;
  for (const raw of stderr.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    if (/^\s/.test(line) && last && last.length > 0) {
      last[last.length - 1] += ` ${line.trim()}`;
      continue;
    }
    const text = line.replace(/^lsof:\s*/, '');
    if (/^WARNING:/i.test(text)) {
      warnings.push(text.replace(/^WARNING:\s*/i, ''));
      last = warnings;
    } else {
      problems.push(text);
      last = problems;
    }
  }
  return { warnings, problems };
}
