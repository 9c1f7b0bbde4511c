// A Playwright trace with the test's secrets taken out, so a failed test's trace can be kept and published
// with the reports. A trace is a zip: action and network records (JSON lines), DOM snapshots, response
// bodies and pictures. Every text entry has each registered secret (in every form the registry knows:
// spaced, URL-encoded, HTML- and JSON-escaped) replaced by its kind; every picture is searched for QR codes,
// which are painted over. The traces are recorded without a screencast (fixtures/trace.ts): a picture of
// the screen can show a secret as text that no search of the records finds.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { maskPicture } from './guide/mask.ts';
import type { Secrets } from './secrets.ts';

export interface TraceRedaction {
  zip: Uint8Array;
  /** Entries whose text held a secret. */
  texts: number;
  /** QR codes painted over in the trace's pictures. */
  qrCodes: number;
  /** Binary entries that held a secret and could not be rewritten: replaced by a note. */
  dropped: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The kind of picture `bytes` is, from its first bytes (a trace's resources have no file extension). */
export function pictureKind(bytes: Uint8Array): 'png' | 'jpeg' | 'webp' | 'gif' | undefined {
  const b = bytes;
  if (b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47) return 'png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b[0] === 0x47 && b[1] === 0x49 && b[2] === 0x46) return 'gif';
  const head = String.fromCharCode(...b.subarray(0, 12));
  if (head.startsWith('RIFF') && head.endsWith('WEBP')) return 'webp';
  return undefined;
}

/** The text of `bytes` when it is UTF-8 text, else undefined. */
export function textOf(bytes: Uint8Array): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Paints over every QR code in a picture; undefined when it holds none (or cannot be decoded). */
export async function withoutQrCodes(
  picture: Uint8Array,
): Promise<{ png: Buffer; qrCodes: number } | undefined> {
  try {
    const whole = { x: 0, y: 0, width: Number.MAX_SAFE_INTEGER, height: Number.MAX_SAFE_INTEGER };
    const masked = await maskPicture(Buffer.from(picture), [], [whole]);
    return masked.qrCodes > 0 ? { png: masked.png, qrCodes: masked.qrCodes } : undefined;
  } catch {
    // A picture sharp cannot read (an icon format, a broken file) cannot be shown by a viewer either.
    return undefined;
  }
}

/** A base64 data: URL inside text; group 1 is its media type, group 2 its data. */
export const DATA_URL_RE = /data:([\w.+-]+\/[\w.+-]+);base64,([A-Za-z0-9+/]{64,}={0,2})/g;

/** `text` with every data: URL picture that holds a QR code replaced by the same picture, painted over. */
async function withoutQrPictures(text: string): Promise<{ text: string; qrCodes: number }> {
  let qrCodes = 0;
  const clean = new Map<string, string>();
  for (const m of text.matchAll(DATA_URL_RE)) {
    if (!m[1]!.startsWith('image/') || clean.has(m[0])) continue;
    const masked = await withoutQrCodes(Buffer.from(m[2]!, 'base64'));
    if (!masked) continue;
    qrCodes += masked.qrCodes;
    clean.set(m[0], `data:image/png;base64,${masked.png.toString('base64')}`);
  }
  if (clean.size === 0) return { text, qrCodes };
  return { text: text.replace(DATA_URL_RE, (whole) => clean.get(whole) ?? whole), qrCodes };
}

export async function redactTrace(zip: Uint8Array, secrets: Secrets): Promise<TraceRedaction> {
  const entries = unzipSync(zip);
  const out: Zippable = {};
  let texts = 0;
  let qrCodes = 0;
  let dropped = 0;
  for (const [name, bytes] of Object.entries(entries)) {
    if (pictureKind(bytes)) {
      const clean = await withoutQrCodes(bytes);
      if (clean) qrCodes += clean.qrCodes;
      // A browser shows a PNG under a name or content type that says otherwise.
      out[name] = clean ? new Uint8Array(clean.png) : bytes;
      continue;
    }
    const text = textOf(bytes);
    if (text !== undefined) {
      // A snapshot or a page shows its pictures as data: URLs too (the enrolment QR code is one).
      const pictures = await withoutQrPictures(text);
      qrCodes += pictures.qrCodes;
      const clean = secrets.redact(pictures.text);
      if (clean === text) out[name] = bytes;
      else {
        texts++;
        out[name] = new TextEncoder().encode(clean);
      }
      continue;
    }
    if (secrets.foundIn(Buffer.from(bytes).toString('latin1')).length === 0) out[name] = bytes;
    else {
      dropped++;
      out[name] = new TextEncoder().encode('(removed by guidewright: this entry held a secret)');
    }
  }
  return { zip: zipSync(out), texts, qrCodes, dropped };
}
