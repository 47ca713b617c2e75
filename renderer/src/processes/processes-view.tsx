// The Processes view: one row per process over the same rows as the table (process-summary.ts),
// with its connections, listeners, distinct remote hosts, traffic and the most severe suspicion.
// A click (or Enter) on a process shows the table filtered to it. Built as its own small grid:
// AG Grid's row grouping is an Enterprise feature.
import type {
  ColDef,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  RowClassRules,
  ValueFormatterParams,
} from 'ag-grid-community';
import { AgGridReact, type CustomCellRendererProps } from 'ag-grid-react';
import { useCallback, useEffect, useRef } from 'react';
import { formatBytes, formatCount, formatRate } from '../../../shared/units';
import { hasHiddenControls, revealControls } from '../../../shared/visible-text';
import { SeverityMark } from '../features/rules/severity-mark';
import { whyCellText, whyTooltipText } from '../features/rules/why-text';
import { compareNullableNumbers } from '../grid/address-order';
import { requestIcon, useProcessIcon } from '../icons/process-icons';
import { allRows, onRowsChanged } from '../rows/live-table';
import { useUiStore } from '../store';
import { RevealedText } from '../text/revealed-text';
import { gridTheme } from '../theme/grid-theme';
import { showProcessConnections } from '../views';
import { NO_PROCESS_KEY, summarizeProcesses, type ProcessSummary } from './process-summary';

/** Recounting every process costs a pass over all rows: at most this often while shown. */
const REFRESH_MS = 500;

function ProcessNameCell(props: CustomCellRendererProps<ProcessSummary>) {
  const summary = props.data;
  const icon = useProcessIcon(summary);
  const pid = summary?.pid ?? null;
  const path = summary?.processPath ?? null;
  const deleted = summary?.processPathDeleted ?? false;
  useEffect(() => {
    requestIcon({ pid, processPath: path, processPathDeleted: deleted });
  }, [pid, path, deleted]);
  if (!summary) return null;
  if (summary.key === NO_PROCESS_KEY || summary.processName === null) {
    return (
      <span
        className="ps-owner-placeholder"
        title="Closing connections and sockets whose process Portscope cannot see"
      >
        no known process
      </span>
    );
  }
  return (
    <span className="ps-process-cell">
      <img className="ps-process-icon" src={icon} width={16} height={16} alt="" />
      <RevealedText text={summary.processName} className="ps-process-name" />
    </span>
  );
}

function SuspicionCell(props: CustomCellRendererProps<ProcessSummary>) {
  const suspicion = props.data?.suspicion ?? null;
  if (!suspicion) return null;
  return (
    <span className={`ps-why ps-why-${suspicion.severity}`}>
      <SeverityMark severity={suspicion.severity} />
      <span className="ps-why-text">{whyCellText(suspicion)}</span>
    </span>
  );
}

const count = (p: ValueFormatterParams<ProcessSummary, number | null>) =>
  formatCount(p.value ?? null);
const bytes = (p: ValueFormatterParams<ProcessSummary, number | null>) =>
  formatBytes(p.value ?? null);
const rate = (p: ValueFormatterParams<ProcessSummary, number | null>) =>
  formatRate(p.value ?? null);

const numeric = (
  field: keyof ProcessSummary,
  headerName: string,
  width: number,
  format: (p: ValueFormatterParams<ProcessSummary, number | null>) => string,
): ColDef<ProcessSummary> => ({
  colId: field,
  field,
  headerName,
  width,
  type: 'rightAligned',
  comparator: compareNullableNumbers,
  valueFormatter: format,
});

const columnDefs: ColDef<ProcessSummary>[] = [
  {
    colId: 'processName',
    headerName: 'Process',
    field: 'processName',
    width: 190,
    pinned: 'left',
    // By name until the person sorts otherwise: rows keep their place while counts change, so a
    // process can be read and clicked as the table updates.
    sort: 'asc',
    cellRenderer: ProcessNameCell,
    comparator: (a: string | null, b: string | null) =>
      a === b
        ? 0
        : a === null
          ? 1
          : b === null
            ? -1
            : a.localeCompare(b, undefined, { sensitivity: 'base' }),
  },
  {
    ...numeric('pid', 'PID', 70, (p) => (p.value === null ? '' : String(p.value))),
    pinned: 'left',
  },
  {
    colId: 'user',
    headerName: 'User',
    field: 'user',
    width: 100,
    valueFormatter: (p) => revealControls(p.value ?? ''),
  },
  numeric('connections', 'Connections', 108, count),
  numeric('listeners', 'Listening', 90, count),
  numeric('remoteHosts', 'Remote Hosts', 116, count),
  numeric('bytesSent', 'Sent', 84, bytes),
  numeric('bytesReceived', 'Received', 92, bytes),
  numeric('sendRate', 'Send Rate', 92, rate),
  numeric('receiveRate', 'Receive Rate', 108, rate),
  {
    colId: 'suspicion',
    headerName: 'Why',
    field: 'suspicion',
    width: 200,
    cellRenderer: SuspicionCell,
    tooltipValueGetter: (p) => whyTooltipText(p.data?.suspicion ?? null),
    comparator: (a: ProcessSummary['suspicion'], b: ProcessSummary['suspicion']) => {
      const rank = (s: ProcessSummary['suspicion']) =>
        s ? { notice: 1, warning: 2, danger: 3 }[s.severity] : 0;
      return rank(a) - rank(b);
    },
  },
  {
    colId: 'processPath',
    headerName: 'Process Path',
    field: 'processPath',
    width: 260,
    valueFormatter: (p) => revealControls(p.value ?? ''),
    cellClassRules: {
      'ps-hidden-controls': (p) => typeof p.value === 'string' && hasHiddenControls(p.value),
    },
    tooltipValueGetter: (p) => p.value ?? null,
  },
];

const rowClassRules: RowClassRules<ProcessSummary> = {
  'ps-suspicion-notice': (p) => p.data?.suspicion?.severity === 'notice',
  'ps-suspicion-warning': (p) => p.data?.suspicion?.severity === 'warning',
  'ps-suspicion-danger': (p) => p.data?.suspicion?.severity === 'danger',
};

const getRowId = (params: GetRowIdParams<ProcessSummary>) => params.data.key;

function liveSummaries(): ProcessSummary[] {
  const live = [];
  for (const row of allRows()) if (row.mark !== 'removed') live.push(row);
  return summarizeProcesses(live);
}

/** Mounted only while shown: its grid then never stands beside the table's in the page. */
export function ProcessesView() {
  const active = useUiStore((s) => s.activeView === 'processes');
  return active ? <ProcessesGrid /> : null;
}

function ProcessesGrid() {
  const api = useRef<GridApi<ProcessSummary> | null>(null);

  const refresh = useCallback(() => {
    const current = api.current;
    if (!current) return;
    const summaries = liveSummaries();
    current.setGridOption('rowData', summaries);
    useUiStore.setState({ processCount: summaries.filter((s) => s.key !== NO_PROCESS_KEY).length });
  }, []);

  useEffect(() => {
    refresh();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = onRowsChanged(() => {
      timer ??= setTimeout(() => {
        timer = null;
        refresh();
      }, REFRESH_MS);
    });
    return () => {
      off();
      if (timer !== null) clearTimeout(timer);
    };
  }, [refresh]);

  const onGridReady = useCallback(
    (event: GridReadyEvent<ProcessSummary>) => {
      api.current = event.api;
      refresh();
    },
    [refresh],
  );

  return (
    <div className="processes-view" aria-label="Processes">
      <AgGridReact<ProcessSummary>
        theme={gridTheme}
        columnDefs={columnDefs}
        defaultColDef={{
          sortable: true,
          resizable: true,
          minWidth: 40,
          suppressHeaderMenuButton: true,
          cellDataType: false,
        }}
        getRowId={getRowId}
        rowClassRules={rowClassRules}
        animateRows={false}
        suppressOverlays={['noRows']}
        tooltipShowDelay={600}
        onGridReady={onGridReady}
        onRowClicked={(event) => event.data && showProcessConnections(event.data)}
        onCellKeyDown={(event) => {
          const key = event.event instanceof KeyboardEvent ? event.event.key : '';
          if (key === 'Enter' && event.data) showProcessConnections(event.data);
        }}
      />
    </div>
  );
}
