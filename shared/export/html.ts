// A self-contained HTML report: one file with its own styles, no scripts, no external resources
// (a Content-Security-Policy forbids loading any), readable in a browser with no network.
// Suspicious rows are tinted by severity like the grid; newlines and tabs inside cells are kept
// (white-space: pre-wrap) and a carriage return is written as &#13; because an HTML parser turns
// a raw one into a line feed. Every other control character, bidi override and invisible format
// character in outside text is shown marked (shared/visible-text.ts: ESC as ␛, U+202E as
// ⟦U+202E⟧), as the person would otherwise read a name that is not what it seems.
import { formatTimestamp } from '../columns';
import type { Connection } from '../model';
import { resolveColumns, ROWS_PER_CHUNK } from './columns';
import type { ExportOptions } from './formats';
import { SEVERITY_TINTS } from './severity-tints';
import { revealControls } from '../visible-text';

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '\r': '&#13;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'\r]/g, (ch) => HTML_ESCAPES[ch]!);
}

/**
 * Outside text as the report shows it: escaped, with controls and bidi overrides made visible
 * (a U+202E in a process name would make "gnp.exe" read "exe.png" in the browser too). Line
 * breaks and tabs stay: the cells show them (pre-wrap).
 */
function shown(text: string): string {
  return escapeHtml(revealControls(text, { keepLineBreaks: true, keepTabs: true }));
}

/** "+01:00" for the zone the time is shown in, so the report says which clock it used. */
function utcOffset(ms: number): string {
  const minutes = -new Date(ms).getTimezoneOffset();
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function styles(): string {
  const tint = (theme: 'light' | 'dark') =>
    Object.entries(SEVERITY_TINTS)
      .map(([severity, colours]) => `tbody tr.${severity} td{background:${colours[theme]}}`)
      .join('');
  return (
    ':root{color-scheme:light dark;font:13px/1.4 system-ui,sans-serif}' +
    'body{margin:16px;color:CanvasText;background:Canvas}' +
    'h1{font-size:18px;margin:0 0 8px}' +
    'dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;margin:0 0 12px}' +
    'dt{font-weight:600}dd{margin:0;white-space:pre-wrap}' +
    'table{border-collapse:collapse}' +
    'th,td{border:1px solid #8884;padding:2px 6px;text-align:left;vertical-align:top;' +
    'white-space:pre-wrap;overflow-wrap:anywhere}' +
    'th{position:sticky;top:0;background:Canvas}' +
    'tbody tr:nth-child(even) td{background:#8881}' +
    tint('light') +
    `@media (prefers-color-scheme:dark){${tint('dark')}}`
  );
}

export function* htmlChunks(
  rows: Iterable<Connection>,
  options: Pick<ExportOptions, 'columns' | 'meta'>,
): Generator<string> {
  const columns = resolveColumns(options.columns);
  const { meta } = options;
  const time = `${formatTimestamp(meta.generatedAt)} (UTC${utcOffset(meta.generatedAt)})`;
  yield (
    '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">\n` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    `<meta name="generator" content="Portscope">\n` +
    `<title>${escapeHtml(meta.title)}</title>\n<style>${styles()}</style>\n</head>\n<body>\n` +
    `<h1>${escapeHtml(meta.title)}</h1>\n<dl>\n` +
    `<dt>Host</dt><dd id="host">${shown(meta.hostName)}</dd>\n` +
    `<dt>Time</dt><dd id="time"><time datetime="${new Date(meta.generatedAt).toISOString()}">${escapeHtml(time)}</time></dd>\n` +
    `<dt>Filter</dt><dd id="filter">${meta.filter === '' ? '(none: every row)' : shown(meta.filter)}</dd>\n` +
    '</dl>\n<table>\n<thead><tr>' +
    columns.map((c) => `<th data-col="${c.id}">${escapeHtml(c.header)}</th>`).join('') +
    '</tr></thead>\n<tbody>\n'
  );
  let chunk = '';
  let count = 0;
  for (const row of rows) {
    const severity = row.suspicion?.severity;
    const why = row.suspicion?.reasons.map((reason) => reason.message).join('\n');
    chunk +=
      `<tr data-id="${escapeHtml(row.id)}"` +
      (severity ? ` class="${severity}" title="${shown(why ?? '')}"` : '') +
      '>' +
      columns.map((c) => `<td>${shown(c.text(row))}</td>`).join('') +
      '</tr>\n';
    count += 1;
    if (count % ROWS_PER_CHUNK === 0) {
      yield chunk;
      chunk = '';
    }
  }
  yield (
    `${chunk}</tbody>\n</table>\n` +
    `<p id="count">${count} ${count === 1 ? 'connection' : 'connections'}` +
    '. Tinted rows are marked suspicious (blue: notice, yellow: warning, red: danger);' +
    ' hover a row for the reasons.</p>\n</body>\n</html>\n'
  );
}
