// The actions feature's own small state: which row the Properties panel shows. The panel follows
// the row by id as polls update it (and says when it has closed), starting from the row as it was
// when opened.
import { create } from 'zustand';
import type { Connection } from '../../../../shared/model';

interface ActionsState {
  properties: Connection | null;
}

export const useActionsStore = create<ActionsState>(() => ({ properties: null }));

export function openProperties(row: Connection): void {
  useActionsStore.setState({ properties: row });
}

export function closeProperties(): void {
  useActionsStore.setState({ properties: null });
}
