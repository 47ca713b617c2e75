// What the status bar says when some sockets' owners cannot be seen. Every Unix backend (procfs,
// sock_diag, lsof) says it in the same words, so the status bar reads the same whichever backend.

export const UNPRIVILEGED_WARNING =
  "Other users' sockets show as owner unknown: seeing which process owns them needs administrator rights (in the window: Show all processes…; on the command line: sudo).";
export const ROOT_DENIED_WARNING =
  'Some processes hide their open files even from root here (a container without CAP_SYS_PTRACE?); their sockets show as owner unknown.';
