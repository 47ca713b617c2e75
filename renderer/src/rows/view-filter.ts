// What the grid shows: TCPView's protocol/family/listening toggles plus the filter box, applied as
// AG Grid's external filter. The filter text is compiled by shared/filter (the same language as
// the CLI); while the text does not parse, the last filter that did keeps applying.
import { compileFilter } from '../../../shared/filter';
import type { Connection } from '../../../shared/model';
import type { Settings } from '../../../shared/settings';

export type ViewSettings = Settings['view'];

export interface FilterError {
  message: string;
  /** Offset into the filter text where the problem is. */
  position: number;
}

type RowTest = (row: Connection) => boolean;

const passAll: RowTest = () => true;

/** Listening sockets and UDP sockets with no peer: TCPView's "unconnected endpoints". */
export function isListeningRow(row: Connection): boolean {
  return row.state === 'LISTEN' || (row.protocol === 'udp' && row.remoteAddress === null);
}

export function togglesPass(view: ViewSettings, row: Connection): boolean {
  if (row.protocol === 'tcp' ? !view.tcp : !view.udp) return false;
  if (row.family === 4 ? !view.ipv4 : !view.ipv6) return false;
  if (!view.listening && isListeningRow(row)) return false;
  return true;
}

export class ViewFilter {
  private view: ViewSettings;
  private textTest: RowTest = passAll;
  private textActive = false;
  private compiledText: string | null = null;

  constructor(view: ViewSettings) {
    this.view = view;
    this.setView(view);
  }

  /** Take new toggles and filter text; returns the filter's syntax error, if any. */
  setView(view: ViewSettings): FilterError | null {
    this.view = view;
    if (view.filter === this.compiledText) return null;
    const compiled = compileFilter(view.filter);
    if (!compiled.ok) return { message: compiled.error, position: compiled.position };
    this.compiledText = view.filter;
    this.textActive = !compiled.empty;
    this.textTest = compiled.empty ? passAll : (row) => compiled.test(row);
    return null;
  }

  /** Whether anything is hidden at all (lets the grid skip filtering when nothing is). */
  get active(): boolean {
    const v = this.view;
    return this.textActive || !(v.tcp && v.udp && v.ipv4 && v.ipv6 && v.listening);
  }

  passes(row: Connection): boolean {
    return togglesPass(this.view, row) && this.textTest(row);
  }
}
