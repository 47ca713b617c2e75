// Types of build-probe.mjs.
export function buildProbe(cacheDir: string): Promise<string>;
