// Text from outside (process names, paths, command lines, host names, version strings) as a
// person reads it: control and bidi-override characters made visible (shared/visible-text.ts:
// "gnp.exe" written with U+202E cannot pass for "exe.png"), and the whole value marked with a
// warning style and sign, so the reveal is noticed rather than read past.
import { hasHiddenControls, revealControls } from '../../../shared/visible-text';
import { HIDDEN_CONTROLS_WARNING } from './hidden-controls';

export { HIDDEN_CONTROLS_WARNING };

export function RevealedText({ text, className }: { text: string; className?: string }) {
  if (!hasHiddenControls(text)) return <span className={className}>{text}</span>;
  return (
    <span
      className={`ps-hidden-controls ${className ?? ''}`.trim()}
      title={HIDDEN_CONTROLS_WARNING}
      data-hidden-controls="true"
    >
      {revealControls(text)}
    </span>
  );
}
