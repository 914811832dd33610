// Bytes -> text, refusing what is not text. A reader must never feed a PDF or a JPEG into
// the tokenizer, nor silently replace invalid bytes (offsets would then refer to text the
// user never had), so anything that does not decode cleanly is reported instead.

export type Decoded = { text: string } | { problem: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const utf16le = new TextDecoder('utf-16le', { fatal: true });
const utf16be = new TextDecoder('utf-16be', { fatal: true });

/** How much of a file the binary check looks at: enough to catch any binary format's header. */
const SNIFF_BYTES = 8192;
/** Control characters beyond this share of the sniffed bytes mean binary data. */
const MAX_CONTROL_SHARE = 0.1;

/** True when the bytes look like binary data: a NUL byte or many control characters. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    // Tab, line feed, vertical tab, form feed, carriage return and escape appear in text.
    if ((b < 0x20 && b !== 9 && b !== 10 && b !== 11 && b !== 12 && b !== 13 && b !== 27) || b === 0x7f) control++;
  }
  return end > 0 && control / end > MAX_CONTROL_SHARE;
}

const CRLF = /\r\n?/g;

/** Line endings to \n: done before any offset exists, so offsets stay consistent. */
export function normalizeNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(CRLF, '\n');
}

/** Decode a file's bytes: UTF-8 (BOM stripped) or UTF-16 with a BOM; newlines normalized. */
export function decodeBytes(bytes: Uint8Array): Decoded {
  let text: string;
  try {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = utf16le.decode(bytes.subarray(2));
    } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
      text = utf16be.decode(bytes.subarray(2));
    } else {
      if (looksBinary(bytes)) return { problem: 'binary file, not text' };
      const hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
      text = utf8.decode(hasBom ? bytes.subarray(3) : bytes);
    }
  } catch {
    return { problem: 'not valid UTF-8 text (undecodable bytes)' };
  }
  if (text.indexOf('\u0000') !== -1) return { problem: 'binary file, not text' };
  return { text: normalizeNewlines(text) };
}

/** Decode one line of a JSON Lines stream (the first may carry a BOM). */
export function decodeLine(bytes: Uint8Array): Decoded {
  try {
    let text = utf8.decode(bytes);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.endsWith('\r')) text = text.slice(0, -1);
    return { text };
  } catch {
    return { problem: 'not valid UTF-8 text (undecodable bytes)' };
  }
}
