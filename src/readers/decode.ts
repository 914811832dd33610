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

// The charset a page or an XML file declares in its first bytes: <meta charset="…">,
// <meta http-equiv="Content-Type" content="text/html; charset=…">, <?xml encoding="…"?>.
const DECLARED_CHARSET = /<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)/i;

/** The legacy charset a markup file declares (not UTF-8), when Node can decode it. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const match = DECLARED_CHARSET.exec(head);
  const label = (match?.[1] ?? match?.[2])?.toLowerCase();
  if (!label || label === 'utf-8' || label === 'utf8' || label.startsWith('utf-16')) return null;
  try {
    new TextDecoder(label);
    return label;
  } catch {
    return null;
  }
}

/**
 * Decode an HTML or XML file: as UTF-8 when it is valid UTF-8 or declares nothing else,
 * else in the legacy charset it declares (windows-1252 and ISO-8859-x pages are still
 * common in archives; every byte is valid there, so only the declaration can be trusted).
 */
export function decodeMarkupBytes(bytes: Uint8Array): Decoded {
  const decoded = decodeBytes(bytes);
  if (!('problem' in decoded) || decoded.problem.startsWith('binary')) return decoded;
  const charset = declaredCharset(bytes);
  if (!charset) return decoded;
  const decoder = new TextDecoder(charset);
  const text = decoder.encoding === 'windows-1252' ? decodeWindows1252(bytes) : decoder.decode(bytes);
  return { text: normalizeNewlines(text) };
}

// Node 20's TextDecoder decodes windows-1252 (and the latin1 labels, which mean the same
// by the Encoding Standard) as ISO-8859-1, turning curly quotes and dashes at 0x80–0x9F
// into control characters. These are the code points windows-1252 assigns there; the five
// unassigned bytes stay as they are.
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const codes = Array.from(bytes.subarray(start, start + CHUNK), (b) => (b >= 0x80 && b <= 0x9f ? WINDOWS_1252_HIGH[b - 0x80] : b));
    out += String.fromCharCode(...codes);
  }
  return out;
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
