// The export flow: ask what to export (rows, columns) in a small in-window dialog, then let main
// ask where (native save dialog) and write it. The renderer never names a path.
import type { ExportRowsResult } from '../../../../shared/contract/export';
import type { PortscopeApi } from '../../../../shared/contract';
import { reportError } from '../../call-main';
import { showInfo } from '../../messages';
import {
  buildExportRequest,
  defaultChoice,
  type ExportChoice,
  type ExportInput,
} from './export-request';
import { useExportStore } from './export-store';

/** Opens the choice dialog; resolves with the choice, or null when the person cancels. */
export function askExportChoice(input: ExportInput): Promise<ExportChoice | null> {
  const { pending, last } = useExportStore.getState();
  pending?.resolve(null);
  return new Promise((resolve) => {
    useExportStore.setState({
      pending: {
        input,
        initial: defaultChoice(input, last),
        resolve: (choice) => {
          useExportStore.setState((state) => ({ pending: null, last: choice ?? state.last }));
          resolve(choice);
        },
      },
    });
  });
}

/**
 * Export from the window (Ctrl+S, File → Export…). Resolves with what was written, or null when
 * the person cancelled either dialog; failures are shown in the status bar and resolve to null.
 */
export async function startExport(
  api: Pick<PortscopeApi, 'exportRows'>,
  input: ExportInput,
): Promise<ExportRowsResult | null> {
  const choice = await askExportChoice(input);
  if (!choice) return null;
  try {
    const result = await api.exportRows(buildExportRequest(input, choice));
    if (result) {
      const noun = result.rows === 1 ? 'connection' : 'connections';
      // In the status bar's message line, where it cannot cover an error (it replaces it).
      showInfo(`Exported ${result.rows} ${noun} to ${result.path}`);
    }
    return result;
  } catch (error) {
    reportError(error);
    return null;
  }
}
