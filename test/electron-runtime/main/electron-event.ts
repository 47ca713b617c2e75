// Electron's Event type (electron.d.ts: `{ preventDefault(), readonly defaultPrevented } &
// Params`): what every preventable event hands its listeners.

export type StandInEvent<Params extends object = object> = Electron.Event<Params>;

export function electronEvent<Params extends object>(
  params: Params = {} as Params,
): StandInEvent<Params> {
  let prevented = false;
  const event = Object.assign(Object.create(null) as object, params, {
    preventDefault: () => {
      prevented = true;
    },
  });
  Object.defineProperty(event, 'defaultPrevented', { get: () => prevented, enumerable: true });
  return event as StandInEvent<Params>;
}
