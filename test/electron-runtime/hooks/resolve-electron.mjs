// Module resolution hook (https://nodejs.org/api/module.html#customization-hooks): the specifier
// 'electron' means the stand-in; everything else resolves as usual.
let electronUrl = '';

export function initialize(data) {
  electronUrl = data.electron;
}

export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'electron') return { url: electronUrl, shortCircuit: true };
  return nextResolve(specifier, context);
}
