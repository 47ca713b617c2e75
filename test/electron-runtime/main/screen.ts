// screen: the displays the test describes (StandInConfig.displays), side by side, primary first,
// each with its whole area as work area (a desktop without panels).
import type { ScreenSurface } from '../surface';
import { config } from './runtime';

function displays(): Electron.Display[] {
  let x = 0;
  return config.displays.map((size, index) => {
    const bounds = { x, y: 0, width: size.width, height: size.height };
    x += size.width;
    return {
      id: index + 1,
      label: `Stand-in display ${index + 1}`,
      bounds,
      workArea: { ...bounds },
      size: { width: size.width, height: size.height },
      workAreaSize: { width: size.width, height: size.height },
      scaleFactor: 1,
      rotation: 0,
      internal: false,
      detected: true,
      monochrome: false,
      colorDepth: 24,
      colorSpace: '{primaries:BT709, transfer:SRGB, matrix:RGB, range:FULL}',
      depthPerComponent: 8,
      displayFrequency: 60,
      accelerometerSupport: 'unknown',
      touchSupport: 'unknown',
      maximumCursorSize: { width: 64, height: 64 },
      nativeOrigin: { x: bounds.x, y: bounds.y },
    };
  });
}

export const screen: ScreenSurface = {
  getPrimaryDisplay: () => displays()[0]!,
  getAllDisplays: () => displays(),
};
