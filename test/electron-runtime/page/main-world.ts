// Runs in the page's main world before any page script: the main-world end of the contextBridge
// (world-link.ts). It owns nothing the page can reach; what the preload exposes arrives on
// `window` through it.
import { WorldLink } from './world-link';

export default function startMainWorld(token: string): void {
  new WorldLink(token, 'main');
}
