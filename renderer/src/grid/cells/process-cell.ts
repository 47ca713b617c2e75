// The Process column: the program's icon and name, or what is known when no process is (a muted
// placeholder that says why, instead of a blank that looks broken and sorts first). A name with
// hidden control or text-direction characters is shown with them revealed and marked.
// A plain DOM cell renderer, not a React component: one per row, redrawn on every poll that
// changes the row; it follows the icon store and the poll's privilege by subscribing to them.
import type { ICellRendererComp, ICellRendererParams } from 'ag-grid-community';
import { hasHiddenControls, revealControls } from '../../../../shared/visible-text';
import {
  genericProgramIcon,
  iconKeyOf,
  requestIcon,
  useIconStore,
} from '../../icons/process-icons';
import type { GridRow } from '../../rows/row-store';
import { useUiStore } from '../../store';
import { HIDDEN_CONTROLS_WARNING } from '../../text/hidden-controls';
import { ownerPlaceholder } from '../owner-text';

export class ProcessCell implements ICellRendererComp<GridRow> {
  private readonly gui = document.createElement('span');
  private readonly icon = document.createElement('img');
  private readonly name = document.createElement('span');
  private row: GridRow | undefined;
  private unsubscribe: (() => void) | null = null;

  init(params: ICellRendererParams<GridRow>): void {
    this.icon.className = 'ps-process-icon';
    this.icon.width = 16;
    this.icon.height = 16;
    this.icon.alt = '';
    const offIcons = useIconStore.subscribe(() => this.showIcon());
    const offStatus = useUiStore.subscribe((state, previous) => {
      if (state.status?.privileged !== previous.status?.privileged) this.show();
    });
    this.unsubscribe = () => {
      offIcons();
      offStatus();
    };
    this.row = params.data;
    this.show();
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  refresh(params: ICellRendererParams<GridRow>): boolean {
    this.row = params.data;
    this.show();
    return true;
  }

  destroy(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private shownSrc = '';

  private showIcon(): void {
    const row = this.row;
    const key = row ? iconKeyOf(row) : null;
    const src = (key !== null ? useIconStore.getState().icons[key] : null) ?? genericProgramIcon;
    if (this.shownSrc === src) return;
    this.shownSrc = src;
    this.icon.src = src;
  }

  private show(): void {
    const row = this.row;
    if (!row) {
      this.gui.replaceChildren();
      return;
    }
    if (row.processName === null) {
      const placeholder = ownerPlaceholder(row, useUiStore.getState().status?.privileged ?? false);
      this.gui.className = 'ps-owner-placeholder';
      this.gui.title = placeholder?.explanation ?? '';
      this.gui.replaceChildren(placeholder?.text ?? '');
      return;
    }
    requestIcon(row);
    this.showIcon();
    const hidden = hasHiddenControls(row.processName);
    this.name.className = hidden ? 'ps-hidden-controls ps-process-name' : 'ps-process-name';
    this.name.title = hidden ? HIDDEN_CONTROLS_WARNING : '';
    if (hidden) this.name.dataset.hiddenControls = 'true';
    else delete this.name.dataset.hiddenControls;
    this.name.textContent = revealControls(row.processName);
    this.gui.className = 'ps-process-cell';
    this.gui.title = '';
    if (this.gui.firstChild !== this.icon) this.gui.replaceChildren(this.icon, this.name);
  }
}
