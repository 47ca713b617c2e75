// Types of ensure-built.mjs for the TypeScript that imports it (test support).
export const root: string;
export function staleReason(base?: string): string | null;
export function ensureBuilt(options?: { base?: string; log?: (message: string) => void }): boolean;
