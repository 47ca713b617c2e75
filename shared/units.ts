// Byte counts and rates in the units people read at a glance ("1.4 MB", "12 KB/s"), for the grid,
// Properties, the status bar and `list --format table`. Decimal units (1 KB = 1,000 bytes), as
// TCPView and most traffic meters show them. Machine formats (CSV, JSON) keep the exact numbers.

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/** 0 -> "0 B", 1234 -> "1.2 KB", 1_000_000 -> "1.0 MB", null -> "". */
export function formatBytes(bytes: number | null): string {
  if (bytes === null || !Number.isFinite(bytes)) return '';
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${Math.round(value)} B`;
  // One decimal below 100 ("12.5 MB"), none above ("512 MB"): three significant digits at most.
  return `${value < 100 ? value.toFixed(1) : Math.round(value)} ${UNITS[unit]}`;
}

/** Bytes per second: "0 B/s", "12.5 KB/s"; null (no rate yet, or none known) -> "". */
export function formatRate(bytesPerSecond: number | null): string {
  const text = formatBytes(bytesPerSecond);
  return text === '' ? '' : `${text}/s`;
}

/** A count with thousands separators, the same in every locale ("11,462"). */
export function formatCount(count: number | null): string {
  if (count === null || !Number.isFinite(count)) return '';
  return Math.round(count)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
