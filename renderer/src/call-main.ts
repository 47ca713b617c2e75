// Calls to main fail with a message meant for a person (the backend translates OS errors); the
// status bar shows the latest one until a later call succeeds.
import { useUiStore } from './store';

export function reportError(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  // Electron prefixes remote errors with "Error invoking remote method '…': "; people need the rest.
  useUiStore.setState({ error: message.replace(/^Error invoking remote method '[^']*': /, '') });
}

/** Run a call to main, reporting a failure instead of throwing. */
export async function callMain<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    const result = await call();
    if (useUiStore.getState().error !== null) useUiStore.setState({ error: null });
    return result;
  } catch (error) {
    reportError(error);
    return undefined;
  }
}
