// The table's rows, kept outside React: a Map by Connection.id plus TCPView's change marks.
// Every poll's delta goes in; one grid transaction (add / update / remove) comes out. Pure apart
// from the clock it is handed, so the marking rules are tested without a browser.
//
// Marks (TCPView's colours):
//   new      green: the row appeared in a poll after the first snapshot
//   changed  yellow: its state or its owner (pid, process, user) changed
//   removed  red: gone from the OS table; kept in the grid for `removedMs`, then removed
// A new/changed mark lasts at least `markMs` and until at least one later poll has arrived, so it
// is visible for a refresh or two at any interval (and stays put while polling is paused).
import type { Connection, ConnectionDelta, TcpState } from '../../../shared/model';

export type RowMark = 'new' | 'changed' | 'removed';

/** A row as the grid holds it: the connection plus its mark. Replaced, never mutated. */
export interface GridRow extends Connection {
  mark: RowMark | null;
}

export interface RowTransaction {
  add: GridRow[];
  update: GridRow[];
  remove: GridRow[];
}

export interface RowCounts {
  /** Live rows (rows marked removed are not counted). */
  total: number;
  tcp: number;
  udp: number;
  ipv4: number;
  ipv6: number;
  /** TCP rows by state; UDP rows are counted under protocol only. */
  byState: Partial<Record<TcpState, number>>;
}

export interface RowStoreOptions {
  markMs?: number;
  removedMs?: number;
  /**
   * A delta also expires marks due within this much time after it, so at the usual 0.5–2 s
   * intervals marks leave together with a poll's changes: one grid transaction per poll instead
   * of an extra one a few milliseconds later (each costs a pass over sort and filter).
   */
  expiryToleranceMs?: number;
}

interface MarkTiming {
  at: number;
  /** The poll (delta sequence number) in which the mark was set. */
  poll: number;
}

export class RowStore {
  private readonly rows = new Map<string, GridRow>();
  private readonly marked = new Map<string, MarkTiming>();
  private poll = 0;
  private readonly markMs: number;
  private readonly removedMs: number;
  private readonly toleranceMs: number;

  constructor(options: RowStoreOptions = {}) {
    this.markMs = options.markMs ?? 2000;
    this.removedMs = options.removedMs ?? 2000;
    this.toleranceMs = options.expiryToleranceMs ?? 300;
  }

  /** Replace everything with a snapshot: no marks (nothing is "new" on the first look). */
  loadSnapshot(connections: Connection[]): GridRow[] {
    this.rows.clear();
    this.marked.clear();
    for (const connection of connections) {
      this.rows.set(connection.id, { ...connection, mark: null });
    }
    return [...this.rows.values()];
  }

  /** Apply one poll's delta at time `now`; also expires marks that are due. */
  applyDelta(delta: ConnectionDelta, now: number): RowTransaction {
    this.poll += 1;
    const tx = new TransactionBuilder();

    for (const connection of delta.added) this.upsert(connection, now, tx, true);
    for (const connection of delta.updated) this.upsert(connection, now, tx, false);
    for (const id of delta.removed) {
      const previous = this.rows.get(id);
      if (!previous || previous.mark === 'removed') continue;
      this.setRow({ ...previous, mark: 'removed' }, tx);
      this.marked.set(id, { at: now, poll: this.poll });
    }

    this.expire(now + this.toleranceMs, tx);
    return tx.build();
  }

  /** Clear marks and drop removed rows whose time is up (called by a timer between polls). */
  expireMarks(now: number): RowTransaction {
    const tx = new TransactionBuilder();
    this.expire(now, tx);
    return tx.build();
  }

  /**
   * When the next mark can expire by time alone, or null when none can (nothing marked, or only
   * marks that wait for the next poll: a timer would have nothing to do until it arrives).
   */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const [id, timing] of this.marked) {
      const removed = this.rows.get(id)?.mark === 'removed';
      if (!removed && this.poll <= timing.poll) continue;
      const due = timing.at + (removed ? this.removedMs : this.markMs);
      if (next === null || due < next) next = due;
    }
    return next;
  }

  get(id: string): GridRow | undefined {
    return this.rows.get(id);
  }

  /** Every row in the grid, including rows marked removed. */
  values(): IterableIterator<GridRow> {
    return this.rows.values();
  }

  get size(): number {
    return this.rows.size;
  }

  counts(): RowCounts {
    const counts: RowCounts = { total: 0, tcp: 0, udp: 0, ipv4: 0, ipv6: 0, byState: {} };
    for (const row of this.rows.values()) {
      if (row.mark === 'removed') continue;
      counts.total += 1;
      counts[row.protocol] += 1;
      if (row.family === 4) counts.ipv4 += 1;
      else counts.ipv6 += 1;
      if (row.state !== null) counts.byState[row.state] = (counts.byState[row.state] ?? 0) + 1;
    }
    return counts;
  }

  private upsert(connection: Connection, now: number, tx: TransactionBuilder, added: boolean) {
    const previous = this.rows.get(connection.id);
    if (!previous || previous.mark === 'removed') {
      // Brand new, or back before its red row left: either way a person should notice it.
      this.setRow({ ...connection, mark: 'new' }, tx, !previous);
      this.marked.set(connection.id, { at: now, poll: this.poll });
      return;
    }
    if (!added && ownerOrStateChanged(previous, connection)) {
      this.setRow({ ...connection, mark: 'changed' }, tx);
      this.marked.set(connection.id, { at: now, poll: this.poll });
      return;
    }
    // Enrichment (host name, country …) or a repeated add: update quietly, keep any mark.
    this.setRow({ ...connection, mark: previous.mark }, tx);
  }

  private setRow(row: GridRow, tx: TransactionBuilder, isNew = false) {
    this.rows.set(row.id, row);
    if (isNew) tx.add(row);
    else tx.update(row);
  }

  private expire(now: number, tx: TransactionBuilder) {
    for (const [id, timing] of this.marked) {
      const row = this.rows.get(id);
      if (!row || row.mark === null) {
        this.marked.delete(id);
        continue;
      }
      if (row.mark === 'removed') {
        if (now - timing.at >= this.removedMs) {
          this.rows.delete(id);
          this.marked.delete(id);
          tx.remove(row);
        }
      } else if (now - timing.at >= this.markMs && this.poll > timing.poll) {
        this.marked.delete(id);
        this.setRow({ ...row, mark: null }, tx);
      }
    }
  }
}

function ownerOrStateChanged(before: Connection, after: Connection): boolean {
  return (
    before.state !== after.state ||
    before.pid !== after.pid ||
    before.processName !== after.processName ||
    before.user !== after.user
  );
}

/** Collects one transaction; a row touched twice in one delta is sent once, in its last form. */
class TransactionBuilder {
  private readonly added = new Map<string, GridRow>();
  private readonly updated = new Map<string, GridRow>();
  private readonly removed = new Map<string, GridRow>();

  add(row: GridRow) {
    this.added.set(row.id, row);
  }

  update(row: GridRow) {
    if (this.added.has(row.id)) this.added.set(row.id, row);
    else this.updated.set(row.id, row);
  }

  remove(row: GridRow) {
    // Added and removed within one transaction: the grid never needs to hear of it.
    if (this.added.delete(row.id)) return;
    this.updated.delete(row.id);
    this.removed.set(row.id, row);
  }

  build(): RowTransaction {
    return {
      add: [...this.added.values()],
      update: [...this.updated.values()],
      remove: [...this.removed.values()],
    };
  }
}

export function isEmptyTransaction(tx: RowTransaction): boolean {
  return tx.add.length === 0 && tx.update.length === 0 && tx.remove.length === 0;
}
