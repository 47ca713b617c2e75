// Electron's error for an argument of the wrong type: its native methods convert arguments with
// gin, which throws "Error processing argument at index N, conversion failure from V" (V as V8's
// ToDetailString shows the value: the primitive's text, "#<Object>" for an object).
export function conversionFailure(index: number, value: unknown): TypeError {
  const shown =
    typeof value === 'object' && value !== null && !Array.isArray(value)
      ? `#<${(value as { constructor?: { name?: string } }).constructor?.name ?? 'Object'}>`
      : String(value);
  return new TypeError(
    `Error processing argument at index ${index}, conversion failure from ${shown}`,
  );
}
