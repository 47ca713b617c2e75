// How much of a command line Portscope keeps per process (issue 13.6). A command line is the
// process's own text and can be enormous: Linux lets one argument reach 128 KiB and all of them a
// quarter of the stack limit (2 MiB by default; execve(2), "Limits on size of arguments"), and a
// process that rewrites its argv can make /proc/PID/cmdline longer still. It is stored in every
// row, filtered on every keystroke, logged and exported, so it is cut here, once per process.
//
// The cap is 32,767 UTF-16 units: the longest command line Windows accepts (CreateProcessW's
// lpCommandLine, https://learn.microsoft.com/en-us/windows/win32/api/processthreadsapi/nf-processthreadsapi-createprocessw),
// so no Windows command line is ever cut, and far past what a person reads or a filter needs on
// Linux (long Java class paths run to some thousands of characters). A cut value ends with a
// visible mark, so nobody mistakes it for the whole command line.

export const MAX_COMMAND_LINE = 32_767;

/** Appended to a command line that was cut (the brackets match revealControls' tags). */
export const COMMAND_LINE_CUT_MARK = `…⟦cut: longer than ${MAX_COMMAND_LINE.toLocaleString('en-US')} characters⟧`;

/** Bytes read from /proc/PID/cmdline at most: enough for MAX_COMMAND_LINE units of UTF-8 text. */
export const MAX_COMMAND_LINE_BYTES = MAX_COMMAND_LINE * 3 + 3;

/** The first MAX_COMMAND_LINE units of `text` and the mark, never splitting a surrogate pair. */
export function cutCommandLine(text: string): string {
  let end = Math.min(text.length, MAX_COMMAND_LINE);
  const last = text.charCodeAt(end - 1);
  if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return text.slice(0, end) + COMMAND_LINE_CUT_MARK;
}

/** `text` as stored: unchanged up to the cap, cut and marked beyond it. */
export function capCommandLine(text: string | null): string | null {
  if (text === null || text.length <= MAX_COMMAND_LINE) return text;
  return cutCommandLine(text);
}
