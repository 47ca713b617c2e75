// The export dialog's state: which export is being asked about, and the last choice (the dialog
// opens with it next time). Small values only; rows stay in the grid.
import { create } from 'zustand';
import type { ExportChoice, ExportInput } from './export-request';

export interface PendingExport {
  input: ExportInput;
  initial: ExportChoice;
  resolve(choice: ExportChoice | null): void;
}

interface ExportState {
  pending: PendingExport | null;
  last: ExportChoice | null;
}

export const useExportStore = create<ExportState>(() => ({
  pending: null,
  last: null,
}));
