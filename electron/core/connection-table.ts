// The table the renderer sees: raw deltas from the poll source go in, enriched rows come out as
// one DeltaEvent per poll. Enrichers run here, in the main process, in registration order, on
// added and updated rows only; a steady table costs nothing per poll beyond the diff.
import { onlyTrafficDiffers, sameFields } from '../../shared/diff';
import { ENRICHED_FIELDS } from '../../shared/model';
import type { Connection, ConnectionDelta, DeltaEvent, PollStatus } from '../../shared/model';
import type { ConnectionTableView, EnrichmentHost, Enricher } from './context';

function clearEnrichedFields(row: Connection): void {
  for (const field of ENRICHED_FIELDS) row[field] = null;
}

function copyField<K extends keyof Connection>(to: Connection, from: Connection, field: K): void {
  to[field] = from[field];
}

/**
 * Where the table's deltas go, as Connection rows: the backend logs them (change log) and encodes
 * them for the renderer (shared/wire.ts); the CLI and tests read them as they are.
 */
export type DeltaEmit = (name: 'delta', delta: DeltaEvent) => void;

export interface ConnectionTableOptions {
  emit: DeltaEmit;
  /** The poll status to send with refresh events (the poller's current one). */
  status(): PollStatus;
  /** Where an enricher's exception is reported (it never stops the poll). */
  onEnricherError?(enricher: Enricher, error: unknown): void;
}

export class ConnectionTable implements ConnectionTableView, EnrichmentHost {
  private readonly byId = new Map<string, Connection>();
  private readonly enrichers: Enricher[] = [];

  constructor(private readonly options: ConnectionTableOptions) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Connection | undefined {
    return this.byId.get(id);
  }

  rows(): IterableIterator<Connection> {
    return this.byId.values();
  }

  addEnricher(enricher: Enricher): void {
    this.enrichers.push(enricher);
    enricher.attach?.(this);
  }

  /** Dispose every enricher (backend stop). */
  disposeEnrichers(): void {
    for (const enricher of this.enrichers.splice(0)) enricher.dispose?.();
  }

  /**
   * Apply one poll's raw delta (enriched fields null), enrich what is new or changed, and emit it
   * with the status as one DeltaEvent. Rows are copied: the poll source keeps its own.
   */
  applyPoll(delta: ConnectionDelta, status: PollStatus): DeltaEvent {
    const added = delta.added.map((raw) => this.enrich({ ...raw }));
    const updated = delta.updated.map((raw) => {
      const row = { ...raw };
      // An active connection changes every poll, in its traffic alone: it keeps its enrichment
      // (no enricher reads traffic; one whose own inputs change calls refresh()).
      const before = this.byId.get(raw.id);
      if (before !== undefined && onlyTrafficDiffers(before, row)) {
        for (const field of ENRICHED_FIELDS) copyField(row, before, field);
        return row;
      }
      return this.enrich(row);
    });
    for (const id of delta.removed) this.byId.delete(id);
    for (const row of added) this.byId.set(row.id, row);
    for (const row of updated) this.byId.set(row.id, row);
    const event: DeltaEvent = { added, updated, removed: [...delta.removed], status };
    this.options.emit('delta', event);
    return event;
  }

  /** Send only a status change (pause, interval, failed poll): an event without rows. */
  emitStatus(status: PollStatus): void {
    this.options.emit('delta', { added: [], updated: [], removed: [], status });
  }

  /**
   * Re-enrich rows (all when `ids` is omitted) after an enricher's slow work finished, and emit
   * the rows whose enriched fields changed. Synchronous; enrichers that get many answers at once
   * should pass them in one call so they leave as one event.
   */
  refresh(ids?: Iterable<string>): void {
    const updated: Connection[] = [];
    for (const id of ids ?? [...this.byId.keys()]) {
      const current = this.byId.get(id);
      if (!current) continue;
      const candidate = { ...current };
      clearEnrichedFields(candidate);
      this.enrich(candidate);
      if (!sameFields(current, candidate, ENRICHED_FIELDS)) {
        this.byId.set(id, candidate);
        updated.push(candidate);
      }
    }
    if (updated.length > 0) {
      this.options.emit('delta', {
        added: [],
        updated,
        removed: [],
        status: this.options.status(),
      });
    }
  }

  private enrich(row: Connection): Connection {
    for (const enricher of this.enrichers) {
      try {
        enricher.enrich(row);
      } catch (error) {
        this.options.onEnricherError?.(enricher, error);
      }
    }
    return row;
  }
}
