// Masking by construction: a step picture is cleaned before anyone sees it. Every element whose text or value
// holds a registered secret (lib/secrets.ts) is painted over, and so is every QR code the picture holds, found
// by decoding the picture itself (an enrolment or pairing QR code is a secret whatever it encodes). Nobody
// passes masks by hand.
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Page } from '@playwright/test';
import { devtools } from '../devtools.ts';

// jsqr's module.exports is the function itself (see lib/qr.ts).
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

/** A rectangle in the picture's pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A piece of text on screen and where it is, in device pixels of the viewport picture. */
export interface Piece {
  text: string;
  box: Box;
}

/** What a page shows at one moment: its document, its visible text, and where each piece of text is. */
export interface PageState {
  /** Identifies the document (its URL and when it was created): two equal states are the same document. */
  document: string;
  /** The visible text of the page (its body's innerText), for telling which quoted words a picture shows. */
  text: string;
  /**
   * Every element's own text and every field's value, and the whole text of small elements (a key printed in
   * groups of spans), with their boxes: secrets are looked for in them when the picture is masked, so a
   * secret registered after the picture was taken (the emergency code read off the screen) is masked too.
   */
  pieces: Piece[];
}

/** Reads the page's state over DevTools (not a traced action: nothing of it reaches a trace or a step title). */
export async function pageState(page: Page): Promise<PageState | undefined> {
  try {
    const session = await devtools(page);
    const answer = (await session.send('Runtime.evaluate', {
      expression: `(${IN_PAGE})()`,
      returnByValue: true,
    })) as { result?: { value?: PageState }; exceptionDetails?: unknown };
    return answer.exceptionDetails ? undefined : answer.result?.value;
  } catch {
    return undefined; // the page went away, or not Chromium
  }
}

/** The boxes of the pieces that hold one of `secrets` (as written, or with white space squashed). */
export function secretBoxes(state: PageState, secrets: string[]): Box[] {
  const squash = (s: string) => s.replace(/\s+/g, ' ');
  const holding = state.pieces
    .filter((p) => secrets.some((secret) => p.text.includes(secret) || squash(p.text).includes(secret)))
    .map((p) => p.box);
  // The innermost: a box that contains another holding box is a container of the secret, not the secret.
  return holding.filter((box) => !holding.some((other) => other !== box && contains(box, other)));
}

function contains(outer: Box, inner: Box): boolean {
  return (
    outer.x <= inner.x &&
    outer.y <= inner.y &&
    outer.x + outer.width >= inner.x + inner.width &&
    outer.y + outer.height >= inner.y + inner.height &&
    (outer.width > inner.width || outer.height > inner.height)
  );
}

/** Runs in the page (as text, so no compiler helper sneaks in). */
const IN_PAGE = `() => {
  const ratio = window.devicePixelRatio || 1;
  const pieces = [];
  const add = (el, text) => {
    if (!text || !text.trim()) return;
    const r = el.getBoundingClientRect();
    if (r.width <= 0 || r.height <= 0) return;
    pieces.push({ text, box: { x: r.x * ratio, y: r.y * ratio, width: r.width * ratio, height: r.height * ratio } });
  };
  for (const el of Array.from(document.body ? document.body.querySelectorAll('*') : [])) {
    if (typeof el.value === 'string' && el.value) add(el, el.value);
    let own = '';
    for (const node of Array.from(el.childNodes)) if (node.nodeType === 3) own += node.textContent;
    add(el, own);
    const all = el.textContent || '';
    if (el.children.length > 0 && all.length <= 160) add(el, all);
  }
  return {
    document: location.href + ' ' + performance.timeOrigin,
    text: document.body ? document.body.innerText : '',
    pieces,
  };
}`;

/** Fill colour of a mask: a neutral grey that reads as "hidden", not as a broken picture. */
const FILL = [0x9a, 0xa0, 0xa6, 0xff] as const;
/** Margin around a mask, in pixels: anti-aliased edges of text or a QR code's quiet zone stay covered. */
const MARGIN = 4;
/** A picture never holds more QR codes than this; the loop stops there whatever happens. */
const MAX_QR_CODES = 8;

export interface Masked {
  png: Buffer;
  /** How many secret-bearing elements and QR codes were painted over. */
  secrets: number;
  qrCodes: number;
}

/** Paints over `boxes` and then over every QR code the picture still holds, until none decodes. */
export function maskPicture(png: Buffer, boxes: Box[]): Masked {
  const image = PNG.sync.read(png);
  for (const box of boxes) paint(image, box);
  let qrCodes = 0;
  for (; qrCodes < MAX_QR_CODES; qrCodes++) {
    const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
    const found = jsQR(pixels, image.width, image.height, { inversionAttempts: 'attemptBoth' });
    if (!found) break;
    const { topLeftCorner: a, topRightCorner: b, bottomLeftCorner: c, bottomRightCorner: d } = found.location;
    const xs = [a.x, b.x, c.x, d.x];
    const ys = [a.y, b.y, c.y, d.y];
    // The corners are the finder patterns' outer corners; a module's width of slack covers the rest.
    const side = Math.max(...xs) - Math.min(...xs);
    const slack = side / 8;
    paint(image, {
      x: Math.min(...xs) - slack,
      y: Math.min(...ys) - slack,
      width: side + 2 * slack,
      height: Math.max(...ys) - Math.min(...ys) + 2 * slack,
    });
  }
  return { png: PNG.sync.write(image), secrets: boxes.length, qrCodes };
}

function paint(image: PNG, box: Box): void {
  const x0 = Math.max(0, Math.floor(box.x - MARGIN));
  const y0 = Math.max(0, Math.floor(box.y - MARGIN));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width + MARGIN));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height + MARGIN));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * image.width + x) * 4;
      image.data[i] = FILL[0];
      image.data[i + 1] = FILL[1];
      image.data[i + 2] = FILL[2];
      image.data[i + 3] = FILL[3];
    }
  }
}
