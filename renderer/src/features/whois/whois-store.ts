// The whois panel's state: which address it shows and how the lookup in main is going.
import { create } from 'zustand';
import type { WhoisSummary } from '../../../../shared/whois/types';

export type WhoisState =
  | { status: 'closed' }
  | { status: 'loading'; address: string }
  | { status: 'done'; address: string; summary: WhoisSummary }
  | { status: 'error'; address: string | null; message: string };

export const useWhoisStore = create<WhoisState>(() => ({ status: 'closed' }));

let request = 0;

/** Open the panel for `address` and ask main; a later request wins over an earlier one. */
export async function openWhois(address: string): Promise<void> {
  const mine = ++request;
  useWhoisStore.setState({ status: 'loading', address }, true);
  try {
    const summary = await window.portscope.whois(address);
    if (mine === request) useWhoisStore.setState({ status: 'done', address, summary }, true);
  } catch (error) {
    if (mine !== request) return;
    const message = (error instanceof Error ? error.message : String(error))
      // Electron prefixes remote errors; people need the rest.
      .replace(/^Error invoking remote method '[^']*': /, '')
      .replace(/^\w*Error: /, '');
    useWhoisStore.setState({ status: 'error', address, message }, true);
  }
}

export function showWhoisProblem(message: string): void {
  request += 1;
  useWhoisStore.setState({ status: 'error', address: null, message }, true);
}

export function closeWhois(): void {
  request += 1;
  useWhoisStore.setState({ status: 'closed' }, true);
}
