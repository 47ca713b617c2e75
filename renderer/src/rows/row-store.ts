// The table's rows, kept outside React: a Map by Connection.id plus TCPView's change marks.
// Every poll's delta goes in; one grid transaction (add / update / remove) and the ids whose mark
// changed come out. Pure apart from the clock it is handed, so the marking rules are tested
// without a browser.
//
// A row's `mark` is the one field changed in place: a mark that appears or fades is then a
// repaint of that row if it is on screen, not a data update that AG Grid must re-sort and
// re-filter (marks take no part in either). At 10,000 rows with 5% replaced per poll that halves
// the rows each transaction carries. Everything else in a row is replaced, never mutated.
//
// Marks (TCPView's colours):
//   new      green: the row appeared in a poll after the first snapshot
//   changed  yellow: its state or its owner (pid, process, user) changed
//   removed  red: gone from the OS table; kept in the grid for `removedMs`, then removed
// A new/changed mark lasts at least `markMs` and until at least one later poll has arrived, so it
// is visible for a refresh or two at any interval (and stays put while polling is paused).
import type { Connection, ConnectionDelta, TcpState } from '../../../shared/model';

export type RowMark = 'new' | 'changed' | 'removed';

/** A row as the grid holds it: the connection plus its current mark. */
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

/** What one delta (or one expiry) means for the grid. */
export interface RowChange {
  tx: RowTransaction;
  /** Rows whose mark appeared, changed or faded (to repaint when on screen). */
  marksChanged: string[];
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

interface MarkState {
  mark: RowMark;
  at: number;
  /** The poll (delta sequence number) in which the mark was set. */
  poll: number;
}

export class RowStore {
  private readonly rows = new Map<string, GridRow>();
  private readonly marked = new Map<string, MarkState>();
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
    this.clear();
    return this.addSnapshotRows(connections);
  }

  /** Start over empty, for a snapshot that comes in parts (addSnapshotRows). */
  clear(): void {
    this.rows.clear();
    this.marked.clear();
  }

  /**
   * Add one part of a snapshot, unmarked; returns the rows for the grid. Copying 10,000 rows is
   * tens of milliseconds, so a large snapshot goes in part by part, each in its own task. An id
   * already in the store (never the case in a snapshot from main) keeps its first row.
   */
  addSnapshotRows(connections: Connection[]): GridRow[] {
    const added: GridRow[] = [];
    for (const connection of connections) {
      if (this.rows.has(connection.id)) continue;
      const row: GridRow = { ...connection, mark: null };
      this.rows.set(row.id, row);
      added.push(row);
    }
    return added;
  }

  /** Apply one poll's delta at time `now`; also expires marks that are due. */
  applyDelta(delta: ConnectionDelta, now: number): RowChange {
    this.poll += 1;
    const change = new ChangeBuilder();

    for (const connection of delta.added) this.upsert(connection, now, change, true);
    for (const connection of delta.updated) this.upsert(connection, now, change, false);
    for (const id of delta.removed) {
      if (!this.rows.has(id) || this.markOf(id) === 'removed') continue;
      this.setMark(id, 'removed', now, change);
    }

    this.expire(now + this.toleranceMs, change);
    return change.build();
  }

  /** Clear marks and drop removed rows whose time is up (called by a timer between polls). */
  expireMarks(now: number): RowChange {
    const change = new ChangeBuilder();
    this.expire(now, change);
    return change.build();
  }

  markOf(id: string): RowMark | null {
    return this.rows.get(id)?.mark ?? null;
  }

  /**
   * When the next mark can expire by time alone, or null when none can (nothing marked, or only
   * marks that wait for the next poll: a timer would have nothing to do until it arrives).
   */
  nextExpiry(): number | null {
    let next: number | null = null;
    for (const timing of this.marked.values()) {
      const removed = timing.mark === 'removed';
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

  private upsert(connection: Connection, now: number, change: ChangeBuilder, added: boolean) {
    const previous = this.rows.get(connection.id);
    const row: GridRow = { ...connection, mark: previous?.mark ?? null };
    this.rows.set(row.id, row);
    if (previous) change.update(row);
    else change.add(row);
    if (!previous || previous.mark === 'removed') {
      // Brand new, or back before its red row left: either way a person should notice it.
      this.setMark(connection.id, 'new', now, change);
    } else if (!added && ownerOrStateChanged(previous, connection)) {
      this.setMark(connection.id, 'changed', now, change);
    }
    // Otherwise enrichment (host name, country …) or a repeated add: any mark stays as it is.
  }

  private setMark(id: string, mark: RowMark, now: number, change: ChangeBuilder) {
    const row = this.rows.get(id);
    if (!row) return;
    row.mark = mark;
    this.marked.set(id, { mark, at: now, poll: this.poll });
    change.markChanged(id);
  }

  private expire(now: number, change: ChangeBuilder) {
    for (const [id, state] of this.marked) {
      const row = this.rows.get(id);
      if (!row) {
        this.marked.delete(id);
      } else if (state.mark === 'removed') {
        if (now - state.at >= this.removedMs) {
          this.rows.delete(id);
          this.marked.delete(id);
          change.remove(row);
        }
      } else if (now - state.at >= this.markMs && this.poll > state.poll) {
        row.mark = null;
        this.marked.delete(id);
        change.markChanged(id);
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

/** Collects one change; a row touched twice in one delta is sent once, in its last form. */
class ChangeBuilder {
  private readonly added = new Map<string, GridRow>();
  private readonly updated = new Map<string, GridRow>();
  private readonly removed = new Map<string, GridRow>();
  private readonly marks = new Set<string>();

  add(row: GridRow) {
    this.added.set(row.id, row);
  }

  update(row: GridRow) {
    if (this.added.has(row.id)) this.added.set(row.id, row);
    else this.updated.set(row.id, row);
  }

  remove(row: GridRow) {
    this.marks.delete(row.id);
    // Added and removed within one transaction: the grid never needs to hear of it.
    if (this.added.delete(row.id)) return;
    this.updated.delete(row.id);
    this.removed.set(row.id, row);
  }

  markChanged(id: string) {
    this.marks.add(id);
  }

  build(): RowChange {
    return {
      tx: {
        add: [...this.added.values()],
        update: [...this.updated.values()],
        remove: [...this.removed.values()],
      },
      marksChanged: [...this.marks],
    };
  }
}

export function isEmptyTransaction(tx: RowTransaction): boolean {
  return tx.add.length === 0 && tx.update.length === 0 && tx.remove.length === 0;
}
