// The invoke handlers of the row actions (shared/contract/actions.ts). Arguments arrive validated
// by parseInvokeArgs; each target is then checked against the current table (kill.ts, close.ts).
// The native menu and the clipboard exist only in Electron: electron/main.ts attaches them with
// attachActionsNative(backend.context, …); without them (CLI, tests) showRowMenu answers with the
// items it would show and copyText reports that there is no clipboard.
import type { InvokeHandlers } from '../../../shared/contract';
import type {
  ActionReport,
  RowMenuCommand,
  RowMenuItem,
  RowMenuResult,
} from '../../../shared/contract/actions';
import type { Connection } from '../../../shared/model';
import { NotSupported } from '../../platform/errors';
import type { BackendContext } from '../context';
import { closeConnections } from './close';
import { defaultKillTimings, killProcesses, type KillOptions } from './kill';
import { buildRowMenu, closeUnavailableReason, killUnavailableReason } from './row-menu-model';
import { currentSelfFacts } from './self-protection';

/** What only Electron can do: pop a native menu, write the clipboard. */
export interface ActionsNative {
  /** Show the menu at the pointer; resolves with the chosen command, or null when dismissed. */
  popupRowMenu(items: RowMenuItem[]): Promise<RowMenuCommand | null>;
  writeClipboard(text: string): void;
}

const nativeByContext = new WeakMap<BackendContext, ActionsNative>();

/** Give the action handlers of this backend a native menu and clipboard (electron/main.ts). */
export function attachActionsNative(context: BackendContext, native: ActionsNative): void {
  nativeByContext.set(context, native);
}

export type ActionHandlers = Pick<
  InvokeHandlers,
  'killProcesses' | 'forceKillProcesses' | 'closeConnections' | 'showRowMenu' | 'copyText'
>;

export function createActionHandlers(
  context: BackendContext,
  overrides: Partial<KillOptions> = {},
): ActionHandlers {
  const killOptions: KillOptions = {
    self: currentSelfFacts(),
    ...defaultKillTimings,
    ...overrides,
  };

  const rowsOf = (ids: string[]): Connection[] =>
    [...new Set(ids)].map((id) => context.table.get(id)).filter((row) => row !== undefined);

  async function runMenuCommand(command: RowMenuCommand, rows: Connection[], ids: string[]) {
    const os = context.platform.os;
    switch (command) {
      case 'close':
        return closeConnections(
          context,
          rows
            .filter((row) => closeUnavailableReason(row, os) === null)
            .map((row) => ({
              localAddress: row.localAddress,
              localPort: row.localPort,
              remoteAddress: row.remoteAddress as string,
              remotePort: row.remotePort as number,
            })),
        );
      case 'kill':
        return killProcesses(
          context,
          rows
            .filter((row) => killUnavailableReason(row, killOptions.self.pid) === null)
            .map((row) => row.pid as number),
          false,
          killOptions,
        );
      case 'properties':
      case 'whois':
      case 'copy':
        context.emit('rowCommand', { command, ids });
        return [];
      case 'markKnown':
        return [];
    }
  }

  return {
    killProcesses: (targets) =>
      killProcesses(
        context,
        targets.map((t) => t.pid),
        false,
        killOptions,
      ),
    forceKillProcesses: (targets) =>
      killProcesses(
        context,
        targets.map((t) => t.pid),
        true,
        killOptions,
      ),
    closeConnections: (targets) => closeConnections(context, targets),
    async showRowMenu(ids): Promise<RowMenuResult> {
      const rows = rowsOf(ids);
      const items = buildRowMenu(rows, {
        os: context.platform.os,
        selfPid: killOptions.self.pid,
      });
      const native = nativeByContext.get(context);
      if (!native || rows.length === 0) return { command: null, items, reports: [] };
      const command = await native.popupRowMenu(items);
      if (command === null || !items.some((item) => item.command === command && item.enabled)) {
        return { command: null, items, reports: [] };
      }
      const present = rows.map((row) => row.id);
      const reports: ActionReport[] = await runMenuCommand(command, rows, present);
      return { command, items, reports };
    },
    async copyText(text) {
      const native = nativeByContext.get(context);
      if (!native) throw new NotSupported('There is no clipboard here (not running in the app).');
      native.writeClipboard(text);
    },
  };
}
