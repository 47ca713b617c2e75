// The rules feature of the main process (see rules-feature.ts).
export { createRulesEnricher, createRulesHandlers, rulesFeatureFor } from './rules-feature';
export type { RulesFeature, RulesFeatureOptions } from './rules-feature';
export { setDesktopNotifier, type DesktopNotifier } from './notification-sink';
export { noticeForDesktop, type DesktopNotice } from './notifications';
