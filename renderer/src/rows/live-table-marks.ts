// Names of the performance entries the live table records for each delta (visible in DevTools'
// timeline; read by bench/renderer-bench.ts). Its own file so Node code can import the names
// without pulling in the renderer.

/** Set when a delta event arrives. */
export const DELTA_RECEIVED_MARK = 'portscope:delta-received';
/** From arrival to the end of the synchronous handling (row store + transaction queued). */
export const DELTA_HANDLED_MEASURE = 'portscope:delta-handled';
/** From arrival until AG Grid has applied the transaction (includes its batching wait). */
export const DELTA_APPLIED_MEASURE = 'portscope:delta-applied';
