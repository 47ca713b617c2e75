// Types of package-targets.mjs for the TypeScript that imports it (its unit test).
export function linuxTargets(hasRpmbuild: boolean): string[];
export function hasCommand(name: string, searchPath?: string): boolean;
