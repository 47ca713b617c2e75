// Calls to main fail with a message meant for a person (the backend translates OS errors); the
// status bar's message line shows it (messages.ts).
import { showError } from './messages';

export function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // Electron prefixes remote errors with "Error invoking remote method '…': "; people need the rest.
  return message.replace(/^Error invoking remote method '[^']*': /, '');
}

export function reportError(error: unknown): void {
  showError(errorText(error));
}

/** Run a call to main, reporting a failure instead of throwing. */
export async function callMain<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    reportError(error);
    return undefined;
  }
}
