/// <reference types="vite/client" />
// The renderer's only door to the rest of the app: built by electron/preload.ts in Electron and by
// test/support/bridge.ts in tests, both from shared/contract.ts.
import type { PortscopeApi } from '../../shared/contract';

declare global {
  interface Window {
    portscope: PortscopeApi;
  }
}

export {};
