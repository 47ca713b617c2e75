// View → Fit Columns to Content and View → Reset Columns.
import { registerMenuCommand } from '../menu-commands';
import { getGridApi } from '../rows/live-table';
import { resetColumns } from './column-state';
import { fitColumnsToContent } from './fit-columns';

export function registerColumnMenuCommands(): () => void {
  const offs = [
    registerMenuCommand('fitColumns', () => {
      const api = getGridApi();
      if (api) fitColumnsToContent(api);
    }),
    registerMenuCommand('resetColumns', () => {
      const api = getGridApi();
      if (api) resetColumns(api);
    }),
  ];
  return () => offs.forEach((off) => off());
}
