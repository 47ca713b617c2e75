// The whois feature in the window: listens for the row command "whois" (the actions feature
// dispatches `portscope:whois` with the row ids when the context menu's Whois is chosen) and
// mounts its panel. Call installWhois() once at start-up.
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { getRow } from '../../rows/live-table';
import { WhoisPanel } from './whois-panel';
import { openWhois, showWhoisProblem } from './whois-store';
import './whois.css';

export { openWhois, closeWhois, useWhoisStore } from './whois-store';

/** Whois of the first of these rows that has a remote address. */
export function whoisRows(ids: string[]): void {
  const address = ids.map((id) => getRow(id)?.remoteAddress ?? null).find((a) => a !== null);
  if (address) void openWhois(address);
  else {
    showWhoisProblem(
      'This row has no remote address (a listening or unconnected socket): nothing to look up.',
    );
  }
}

function onWhoisEvent(event: Event): void {
  const detail = (event as CustomEvent<{ ids?: unknown }>).detail;
  const ids = Array.isArray(detail?.ids) ? detail.ids.filter((id) => typeof id === 'string') : [];
  whoisRows(ids);
}

let installed: (() => void) | null = null;

export function installWhois(): () => void {
  if (installed) return installed;
  window.addEventListener('portscope:whois', onWhoisEvent);
  const host = document.createElement('div');
  host.id = 'portscope-whois-layer';
  document.body.appendChild(host);
  const root = createRoot(host);
  root.render(createElement(WhoisPanel));
  installed = () => {
    window.removeEventListener('portscope:whois', onWhoisEvent);
    root.unmount();
    host.remove();
    installed = null;
  };
  return installed;
}
