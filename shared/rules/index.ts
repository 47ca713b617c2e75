// The suspicion rules, shared by main (judging rows) and the renderer (explanations, settings).
export * from './blocklist';
export * from './default-rules';
export * from './engine';
export * from './known-items';
export * from './mark-known-choices';
export * from './settings-schema';
export type * from './types';
