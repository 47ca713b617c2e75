// What feature code in the main process is handed. Everything here is an interface so that tests
// pass real implementations wired to real sockets, and the Electron glue passes native dialogs.
import type { EmitEvent } from '../../shared/contract';
import type { Connection, PollStatus } from '../../shared/model';
import type { Settings, SettingsPatch } from '../../shared/settings';
import type { PlatformBackend } from '../platform/types';

/** Read access to the current table (the rows the renderer sees), keyed by Connection.id. */
export interface ConnectionTableView {
  get(id: string): Connection | undefined;
  rows(): IterableIterator<Connection>;
  readonly size: number;
}

/**
 * Fills enriched fields (host names, country, suspicion …) on rows as they are added or change.
 * `enrich` must be synchronous and cheap (answer from a cache, queue slow work); when slow work
 * finishes, call `host.refresh(ids)` and the rows are enriched again and sent as an update.
 */
export interface Enricher {
  readonly name: string;
  enrich(row: Connection): void;
  attach?(host: EnrichmentHost): void;
  dispose?(): void;
}

export interface EnrichmentHost {
  /** Re-enrich these rows (all rows when omitted) and push what changed to the renderer. */
  refresh(ids?: Iterable<string>): void;
}

export interface SettingsStore {
  get(): Settings;
  update(patch: SettingsPatch): Promise<Settings>;
  onChange(listener: (settings: Settings) => void): () => void;
}

export interface ConfirmRequest {
  title: string;
  message: string;
  detail?: string;
  confirmLabel: string;
  cancelLabel?: string;
  /** e.g. "Don't ask again"; its state comes back in the answer. */
  checkboxLabel?: string;
}

export interface ConfirmAnswer {
  confirmed: boolean;
  checkboxChecked: boolean;
}

export interface SaveFileRequest {
  title: string;
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
}

export interface OpenFileRequest {
  title: string;
  /** Folder or file the dialog starts at; the person's home when omitted. */
  defaultPath?: string;
  filters: { name: string; extensions: string[] }[];
}

/** Native dialogs in Electron; in tests a scripted answerer (the dialog is main-side). */
export interface Dialogs {
  confirm(request: ConfirmRequest): Promise<ConfirmAnswer>;
  /** The chosen path, or null when the person cancelled. */
  saveFile(request: SaveFileRequest): Promise<string | null>;
  /** An existing file the person chose, or null when they cancelled. */
  openFile(request: OpenFileRequest): Promise<string | null>;
}

export interface BackendContext {
  platform: PlatformBackend;
  table: ConnectionTableView;
  settings: SettingsStore;
  dialogs: Dialogs;
  emit: EmitEvent;
  /** Poll at once (after kill or close, so the row turns red without waiting). */
  refreshNow(): Promise<void>;
  /**
   * The poller's status after the last poll: `privileged` says whether that poll could see every
   * process's sockets (the OS decides, not "running as root": a root without CAP_SYS_PTRACE in a
   * container cannot). False before the first poll.
   */
  status(): PollStatus;
  /** Directory for caches (whois cache …): the user-data folder in the app, a temp dir in tests. */
  dataDir: string;
}
