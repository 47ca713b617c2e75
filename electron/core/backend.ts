// The main process's backend, without Electron: the poll source, the poller, the enriched table
// and every invoke handler, composed in one place. electron/main.ts wires it to IPC; the CLI and
// the e2e bridge use the very same object.
import type { EmitEvent, InvokeHandlers } from '../../shared/contract';
import type { DeltaEvent, Snapshot } from '../../shared/model';
import type { PollStatus } from '../../shared/model';
import { completeRendererPatch } from '../../shared/settings';
import { encodeDelta, encodeSnapshot } from '../../shared/wire';
import type { BackendName } from '../platform';
import type { PlatformBackend } from '../platform/types';
import { createActionHandlers } from './actions/handlers';
import { createChangeLogService, type ChangeLogService } from './export/change-log-service';
import { createExportHandlers } from './export/handlers';
import { createRulesEnricher, createRulesHandlers } from './rules';
import { ConnectionTable, type DeltaEmit } from './connection-table';
import type {
  BackendContext,
  ConnectionTableView,
  Dialogs,
  Enricher,
  SettingsStore,
} from './context';
import { revealingDialogs } from './visible-dialogs';
import { createProcessIconHandlers } from './process-icons';
import { createProtectedSettingsHandlers } from './protected-settings';
import { createAgentHandlers, type ElevationOptions } from './agent/agent-handlers';
import { routeActionsThroughAgent } from './agent/agent-platform';
import { PollSwitch } from './agent/poll-switch';
import { createInProcessPollSource, type PollSource } from './poll-source';
import { createFallbackPollSource } from './fallback-poll-source';
import { createWorkerPollSource } from './worker-poll-source';
import { createGeoEnricher } from './lookup/geo-enricher';
import { createPortNameEnricher } from './lookup/port-names';
import { createReverseDnsEnricher } from './lookup/reverse-dns-enricher';
import { createWhoisHandlers } from './lookup/whois-handlers';
import { createWhoisService } from './lookup/whois-service';

export interface BackendOptions {
  platform: PlatformBackend;
  settings: SettingsStore;
  dialogs: Dialogs;
  /** Events for the renderer: deltas encoded for the wire (shared/wire.ts), as IPC carries them. */
  emit: EmitEvent;
  /** Every delta as Connection rows, for in-process readers (the CLI's watch, tests). */
  onDelta?: (delta: DeltaEvent) => void;
  dataDir: string;
  /**
   * 'worker' (the app): polls run in a worker thread with its own createPlatformBackend(), so
   * `platform` serves actions only. 'in-process' (default; CLI, tests): `platform` is polled on
   * this thread.
   */
  pollSource?: 'worker' | 'in-process';
  /** The built poll-worker.js, when it is not next to this code (see worker-poll-source.ts). */
  workerFile?: string;
  /** Which platform backend the worker builds (the same one as `platform`); the OS default. */
  backendName?: BackendName;
  /**
   * Look names up over the network (reverse DNS …). Off for `list --no-resolve`; enrichers that
   * resolve read it from here.
   */
  resolveNames?: boolean;
  /**
   * How to get administrator rights for "Show all processes…" (the app: pkexec, the macOS
   * administrator prompt, a UAC restart; tests: the agent started as root directly). Without it
   * the channel answers that it is not available here (the CLI).
   */
  elevation?: ElevationOptions;
}

export interface Backend {
  handlers: InvokeHandlers;
  /** The rows and status as Connection rows (getSnapshot sends them encoded for the wire). */
  snapshot(): Snapshot;
  table: ConnectionTableView;
  /** First poll (awaited, so the table is filled), then polling on the interval from settings. */
  start(): Promise<void>;
  /**
   * Stop polling, end the worker, write what the change log still holds, dispose enrichers and
   * save the whois cache (the app calls it on quit).
   */
  stop(): Promise<void>;
  context: BackendContext;
  addEnricher(enricher: Enricher): void;
  /** Why the last poll failed, or null (its message is also in the status warnings). */
  lastPollError(): Error | null;
  /**
   * Wait for enrichers' background loads (those with a `ready()`, e.g. the offline IP database)
   * and the refresh that follows, so the table's rows carry those fields. For one-shot use (the
   * CLI prints once); the window simply receives the refresh as an update. `except` names
   * enrichers not to wait for (e.g. 'geo' when the output shows no country).
   */
  settle(options?: { except?: readonly string[] }): Promise<void>;
}

/** An enricher with a background load to wait for (see GeoEnricher). */
function readyOf(enricher: Enricher): (() => Promise<void>) | null {
  const ready = (enricher as Enricher & { ready?: unknown }).ready;
  return typeof ready === 'function' ? () => Promise.resolve(ready.call(enricher)) : null;
}

function createPollSource(options: BackendOptions): PollSource {
  return options.pollSource === 'worker'
    ? createFallbackPollSource(options.platform, () =>
        createWorkerPollSource({ workerFile: options.workerFile, backend: options.backendName }),
      )
    : createInProcessPollSource(options.platform);
}

export function createBackend(options: BackendOptions): Backend {
  const { settings, emit } = options;
  const initialPoll = settings.get().poll;

  // "Log changes" (settings.export.log): every delta the table emits also goes to the change
  // log. Created after the first poll, so the connections open at start are its baseline and
  // are not logged as opened at every launch.
  let changeLog: ChangeLogService | null = null;
  let logProblem: string | null = null;
  let logSettingsKey = JSON.stringify(settings.get().export.log);
  /** The poller's status, plus a change-log write failure the person should know about. */
  const withLogProblem = (status: PollStatus): PollStatus =>
    logProblem === null ? status : { ...status, warnings: [...status.warnings, logProblem] };
  const currentStatus = (): PollStatus => withLogProblem(poller.status());
  /**
   * Every delta of the table: to the change log and the in-process listener as Connection rows,
   * to the renderer encoded (shared/wire.ts: each process's details once per message).
   */
  const tableEmit: DeltaEmit = (_name, delta) => {
    changeLog?.onDelta(delta);
    options.onDelta?.(delta);
    emit('delta', encodeDelta(delta));
  };

  const table = new ConnectionTable({
    emit: tableEmit,
    status: currentStatus,
    onEnricherError: (enricher, error) =>
      console.error(`Portscope: enricher "${enricher.name}" failed:`, error),
  });
  let lastPrivileged = false;
  // Polls come from the unprivileged source, or from the elevated agent once it runs.
  const poller: PollSwitch = new PollSwitch({
    openLocalSource: () => createPollSource(options),
    table,
    intervalMs: initialPoll.intervalMs,
    paused: initialPoll.paused,
    log: (message) => console.error(`Portscope: ${message}`),
    onPoll: (result, status) => {
      if (result) table.applyPoll(result.delta, withLogProblem(status));
      else table.emitStatus(withLogProblem(status));
      // Rules read the poll's privilege ("every process visible"): when it changes, rows this
      // poll did not touch are judged again too.
      if (status.privileged !== lastPrivileged) {
        lastPrivileged = status.privileged;
        // (Not after the first poll: every row was just added, so judged already.)
        if (!result || result.delta.added.length < table.size) table.refresh();
      }
    },
  });

  /** Bring the poller in line with settings.poll, and tell the renderer when that changed it. */
  const applyPollSettings = () => {
    const { intervalMs, paused } = settings.get().poll;
    const before = poller.status();
    if (before.intervalMs !== intervalMs) poller.setInterval(intervalMs);
    if (before.paused !== paused) poller.setPaused(paused);
    if (before.intervalMs !== intervalMs || before.paused !== paused) {
      table.emitStatus(currentStatus());
    }
  };

  /** A new log setting (re-pointed, switched off) deserves a fresh start: forget the old failure. */
  const applyLogSettings = () => {
    const key = JSON.stringify(settings.get().export.log);
    if (key === logSettingsKey) return;
    logSettingsKey = key;
    if (logProblem === null) return;
    logProblem = null;
    table.emitStatus(currentStatus());
  };

  const startChangeLog = () => {
    changeLog = createChangeLogService({
      settings,
      dataDir: options.dataDir,
      currentRows: () => table.rows(),
      onError: (error) => {
        const message = `Log changes: ${error.message}`;
        if (message === logProblem) return;
        logProblem = message;
        console.error(`Portscope: ${message}`);
        table.emitStatus(currentStatus());
      },
    });
  };

  const context: BackendContext = {
    // Kill and close go through the agent while it runs.
    platform: routeActionsThroughAgent(options.platform, () => poller.agentConnection()),
    table,
    settings,
    // Every confirmation's text has its controls and bidi overrides shown (visible-dialogs.ts).
    dialogs: revealingDialogs(options.dialogs),
    emit,
    refreshNow: () => poller.refreshNow(),
    status: () => poller.status(),
    dataDir: options.dataDir,
  };
  // Held here (not inside the handler) so stop() can save its cache to disk.
  const whois = createWhoisService({
    dataDir: options.dataDir,
    settings: () => settings.get().lookup,
  });

  const snapshot = (): Snapshot => ({ connections: [...table.rows()], status: currentStatus() });
  const connectionHandlers = {
    getSnapshot: () => encodeSnapshot(snapshot()),
    setPollInterval: async (intervalMs) => {
      await settings.update({ poll: { ...settings.get().poll, intervalMs } });
      applyPollSettings();
    },
    setPaused: async (paused) => {
      await settings.update({ poll: { ...settings.get().poll, paused } });
      applyPollSettings();
    },
    refreshNow: () => poller.refreshNow(),
    getSettings: () => settings.get(),
    updateSettings: async (patch) => {
      const next = await settings.update(completeRendererPatch(settings.get(), patch));
      applyPollSettings();
      return next;
    },
  } satisfies Partial<InvokeHandlers>;

  // ── Composition point ───────────────────────────────────────────────────────────────────────
  // Feature owners: add your invoke handlers here as one spread line each, e.g.
  //   ...createActionHandlers(context),
  // Keep heavy imports (IP databases …) lazy inside your module: the CLI loads this file too.
  // Aborted by stop(): an administrator prompt still open for the agent is withdrawn.
  const stopping = new AbortController();
  const handlers: InvokeHandlers = {
    ...connectionHandlers,
    ...createActionHandlers(context),
    ...createRulesHandlers(context),
    ...createExportHandlers(context),
    ...createWhoisHandlers(context, whois),
    ...createProtectedSettingsHandlers(context),
    ...createAgentHandlers({
      elevation: options.elevation,
      polls: poller,
      log: (message) => console.error(`Portscope: ${message}`),
      signal: stopping.signal,
    }),
    ...createProcessIconHandlers(context),
  };

  // Enrichers, in the order they run on each added or changed row (later ones see earlier ones'
  // fields, so rules go last). Add one line each, e.g. createGeoEnricher(context). Enrichers that
  // resolve names over the network must stay off when `options.resolveNames === false`
  // (`list --no-resolve`).
  const enrichers: Enricher[] = [
    createPortNameEnricher(),
    createGeoEnricher(),
    createReverseDnsEnricher(context, { enabled: options.resolveNames !== false }),
    createRulesEnricher(context), // keep last: rules read fields the enrichers above fill
  ];
  // ────────────────────────────────────────────────────────────────────────────────────────────
  const allEnrichers = [...enrichers];
  for (const enricher of enrichers) table.addEnricher(enricher);

  let unsubscribe: (() => void) | null = null;
  let started = false;
  let stopped: Promise<void> | null = null;

  return {
    handlers,
    snapshot,
    table,
    context,
    addEnricher: (enricher) => {
      allEnrichers.push(enricher);
      table.addEnricher(enricher);
    },
    lastPollError: () => poller.lastError(),
    async settle(settleOptions = {}) {
      const except = new Set(settleOptions.except ?? []);
      const waits = allEnrichers
        .filter((enricher) => !except.has(enricher.name))
        .map(readyOf)
        .filter((ready) => ready !== null);
      await Promise.all(waits.map((ready) => ready()));
    },
    async start() {
      if (started) return;
      started = true;
      const unsubscribePoll = settings.onChange(applyPollSettings);
      const unsubscribeLog = settings.onChange(applyLogSettings);
      unsubscribe = () => {
        unsubscribePoll();
        unsubscribeLog();
      };
      await poller.start();
      if (!stopped) startChangeLog();
    },
    stop() {
      stopped ??= (async () => {
        stopping.abort();
        unsubscribe?.();
        unsubscribe = null;
        // Ends the local source (the poll worker) and the agent, if one runs.
        await poller.stop();
        // Each step runs even when one before it failed: the whois cache is saved regardless.
        const steps = await Promise.allSettled([
          changeLog?.dispose(),
          Promise.resolve().then(() => table.disposeEnrichers()),
          whois.dispose(),
        ]);
        changeLog = null;
        const failed = steps.find((step) => step.status === 'rejected');
        if (failed) throw failed.reason;
      })();
      return stopped;
    },
  };
}
