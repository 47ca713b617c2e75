// What a warning mark on revealed text says (RevealedText and the grid's cells).
export const HIDDEN_CONTROLS_WARNING =
  'Contains hidden control or text-direction characters (shown as ⟦U+…⟧ or ␛): the text may be ' +
  'disguised to read as something else.';
