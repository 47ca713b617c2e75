// Background tints for suspicious rows, by Connection.suspicion.severity, for light and dark
// themes. The HTML report uses them; the grid can import the same values so a report looks like
// the window it came from.
import type { Severity } from '../model';

export const SEVERITY_TINTS: Record<Severity, { light: string; dark: string }> = {
  notice: { light: '#e7f0ff', dark: '#1c2c48' },
  warning: { light: '#fff4cc', dark: '#4a3c0c' },
  danger: { light: '#ffdede', dark: '#561d1d' },
};
