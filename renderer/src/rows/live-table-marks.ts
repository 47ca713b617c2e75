// Names of the performance entries the live table records for each delta (visible in DevTools'
// timeline; read by bench/renderer-bench.ts). Its own file so Node code can import the names
// without pulling in the renderer.

/** Set when a delta event arrives. */
export const DELTA_RECEIVED_MARK = 'portscope:delta-received';
/** From arrival to the end of the synchronous handling (row store + transaction queued). */
export const DELTA_HANDLED_MEASURE = 'portscope:delta-handled';
/** From arrival until AG Grid has applied the transaction (includes its batching wait). */
export const DELTA_APPLIED_MEASURE = 'portscope:delta-applied';

// Start-up: where the first long task goes (page boot vs. loading the first snapshot).
/** main.tsx starts running (the bundle is parsed and its modules evaluated). */
export const BOOT_MARK = 'portscope:boot';
/** Settings are in and React is asked to render the window. */
export const RENDER_MARK = 'portscope:render';
/** AG Grid is ready (onGridReady). */
export const GRID_READY_MARK = 'portscope:grid-ready';
/** The snapshot has arrived from main. */
export const SNAPSHOT_RECEIVED_MARK = 'portscope:snapshot-received';
/** Every snapshot row is in the grid, sorted and filtered (the load is complete). */
export const SNAPSHOT_LOADED_MARK = 'portscope:snapshot-loaded';
/** The renderer's synchronous handling of the snapshot (store load + first rows into the grid). */
export const SNAPSHOT_HANDLED_MEASURE = 'portscope:snapshot-handled';
/** One later batch of snapshot rows going into the grid (one task each). */
export const SNAPSHOT_BATCH_MEASURE = 'portscope:snapshot-batch';
