// Types of sandbox-check.mjs for the TypeScript that imports it (its unit test).
export interface SandboxFacts {
  uid: number;
  restrictedUserns: boolean;
  usernsCloneOff: boolean;
  maxUserNamespaces: number | null;
  usernsProfile: boolean;
  helper: string;
  helperSetuidRoot: boolean;
  binary: string;
}
export function readSandboxFacts(options: {
  electronDir: string;
  root?: string;
  uid?: number;
}): SandboxFacts;
export function sandboxProblem(facts: SandboxFacts, args?: string[]): string | null;
