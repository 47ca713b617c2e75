// The "Log changes" setting in the app: follows settings.export.log, starting, re-pointing or
// stopping the ChangeLog as the person changes it, and feeds it every delta the table emits.
import type { Connection, ConnectionDelta } from '../../../shared/model';
import type { SettingsStore } from '../context';
import { ChangeLog, defaultChangeLogPath } from './change-log';
import type { ExportWriteError } from './export-error';

export interface ChangeLogServiceOptions {
  settings: SettingsStore;
  /** Where the log goes when settings.export.log.path is null. */
  dataDir: string;
  /** The rows open right now (the table), remembered when logging starts. */
  currentRows(): Iterable<Connection>;
  onError(error: ExportWriteError): void;
}

export interface ChangeLogService {
  /** Call with every table delta (DeltaEvent works: extra fields are ignored). */
  onDelta(delta: Pick<ConnectionDelta, 'added' | 'updated' | 'removed'>): void;
  /** The active log, or null when logging is off. */
  readonly active: ChangeLog | null;
  dispose(): Promise<void>;
}

export function createChangeLogService(options: ChangeLogServiceOptions): ChangeLogService {
  let log: ChangeLog | null = null;
  let key = '';

  const apply = () => {
    const settings = options.settings.get().export.log;
    const file = settings.path ?? defaultChangeLogPath(options.dataDir, settings.format);
    const nextKey = settings.enabled
      ? `${file}\u0000${settings.format}\u0000${settings.maxBytes}`
      : '';
    if (nextKey === key) return;
    key = nextKey;
    log = null;
    if (!settings.enabled) return;
    log = new ChangeLog({
      path: file,
      format: settings.format,
      maxBytes: settings.maxBytes,
      onError: options.onError,
    });
    log.seed(options.currentRows());
  };

  apply();
  const unsubscribe = options.settings.onChange(apply);
  return {
    onDelta(delta) {
      void log?.record(delta);
    },
    get active() {
      return log;
    },
    async dispose() {
      unsubscribe();
      await log?.flush();
      log = null;
    },
  };
}
