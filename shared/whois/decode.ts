// Decoding a whois reply. RFC 3912 says nothing about the character set: most registries send
// UTF-8, some still send Latin-1. Bytes are collected whole and decoded once (a multi-byte
// character split across two TCP chunks would otherwise turn into two replacement characters).

const utf8 = new TextDecoder('utf-8', { fatal: true });
// WHATWG maps the "latin1" label to windows-1252, a superset that never fails.
const latin1 = new TextDecoder('latin1');

export function decodeWhoisBytes(bytes: Uint8Array): {
  text: string;
  encoding: 'utf-8' | 'latin1';
} {
  try {
    return { text: utf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: latin1.decode(bytes), encoding: 'latin1' };
  }
}

/**
 * Control characters other than tab and newline are removed (binary garbage from a broken server
 * must not reach the terminal or the panel as escape sequences). CRLF becomes LF.
 */
export function cleanWhoisText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '');
}
