// Closing another program's TCP connection on macOS: there is no supported way. Linux has
// sock_diag destroy and Windows SetTcpEntry(DELETE_TCB); macOS has neither for a socket another
// process owns (pfctl -k only kills pf states, which exist only with pf enabled and a rule that
// keeps state; it does not reset the socket). The row menu says so and offers Kill Process
// instead (electron/core/actions/row-menu-model.ts, closeUnavailableReason).
import { NotSupported } from '../errors';
import type { CloseTcpResult, CloseTcpTarget } from '../types';

/** The row menu's reason, word for word, so the menu and the error agree. */
export const DARWIN_CLOSE_REASON = 'macOS cannot close connections: use Kill Process';

export async function closeTcpOnDarwin(target: CloseTcpTarget): Promise<CloseTcpResult> {
  void target;
  throw new NotSupported(
    `${DARWIN_CLOSE_REASON} to end the program that owns it. macOS offers no supported way to ` +
      "reset another program's TCP connection.",
  );
}
