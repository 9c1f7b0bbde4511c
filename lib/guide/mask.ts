// Masking by construction: a step picture is cleaned before anyone sees it. Every element whose text or value
// holds a registered secret (lib/secrets.ts) is painted over, and so is every QR code the picture holds, found
// by decoding the picture itself (an enrolment or pairing QR code is a secret whatever it encodes). Nobody
// passes masks by hand.
//
// A QR code on a web page is a picture: an <img>, a <canvas>, an <svg>, a video frame, an embedded document
// or a CSS background image. The page state names where each of those is, and only those regions are
// decoded (with a margin for the quiet zone), dark on light and light on dark: decoding the whole 1280×720
// viewport twice took about 300 ms a picture, a QR-sized region takes a few. Pictures are decoded and
// encoded by sharp (libvips), off the test's event loop.
// Not looked for: a QR code built of plain boxes (a grid of coloured <div>s), which no service we know draws;
// tests/suite/guide-pictures.spec.ts shows each kind that is.
import jsQRModule from 'jsqr';
import sharp from 'sharp';
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
  /**
   * Where the page shows pictures (images, canvases, SVG, video, embedded documents, CSS background
   * images), in device pixels: a QR code can only be one of them, so these regions are decoded.
   */
  graphics?: Box[];
}

/** Reads the page's state over DevTools (not a traced action: nothing of it reaches a trace or a step title). */
export async function pageState(page: Page): Promise<PageState | undefined> {
  let answer: { result?: { value?: PageState }; exceptionDetails?: { exception?: { description?: string } } };
  try {
    const session = await devtools(page);
    answer = (await session.send('Runtime.evaluate', {
      expression: `(${IN_PAGE})()`,
      returnByValue: true,
    })) as typeof answer;
  } catch {
    return undefined; // the page went away, or not Chromium
  }
  // The reader itself threw: no picture could ever be masked, so say so instead of picturing nothing.
  if (answer.exceptionDetails)
    throw new Error(
      `reading the screen for its step picture failed in ${page.url()}: ${answer.exceptionDetails.exception?.description ?? 'an exception'}`,
    );
  return answer.result?.value;
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
  const graphics = [];
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
    const graphic = /^(img|canvas|svg|video|object|embed|iframe|input)$/i.test(el.localName)
      ? el.localName !== 'input' || el.type === 'image'
      : ['', '::before', '::after'].some((pseudo) => {
          const style = getComputedStyle(el, pseudo || null);
          return [style.backgroundImage, style.content, style.maskImage].some((v) => !!v && v.includes('url('));
        });
    if (graphic && !(el.ownerSVGElement)) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0 && r.bottom > 0 && r.right > 0)
        graphics.push({ x: r.x * ratio, y: r.y * ratio, width: r.width * ratio, height: r.height * ratio });
    }
  }
  return {
    document: location.href + ' ' + performance.timeOrigin,
    text: document.body ? document.body.innerText : '',
    pieces,
    graphics,
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

/** Smallest side of a region worth decoding: a QR code has at least 21 modules. */
const MIN_QR_SIDE = 21;
/** Quiet zone kept around a decoded region, in pixels. */
const QUIET = 16;

interface Raw {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Paints over `boxes`, then over every QR code that any of `graphics` (where the page shows pictures) still
 * holds, until none decodes.
 */
export async function maskPicture(png: Buffer, boxes: Box[], graphics: Box[] = []): Promise<Masked> {
  // Nothing to paint and no picture on the page that could be a QR code: the capture is kept as it is,
  // sparing a decode and an encode (about 20 ms a step).
  if (boxes.length === 0 && graphics.length === 0) return { png, secrets: 0, qrCodes: 0 };
  const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const image: Raw = { data, width: info.width, height: info.height };
  for (const box of boxes) paint(image, box);
  let qrCodes = 0;
  for (const region of graphics) {
    while (qrCodes < MAX_QR_CODES) {
      const found = decodeIn(image, region);
      if (!found) break;
      paint(image, found);
      qrCodes++;
    }
  }
  const out = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 4 } })
    .png()
    .toBuffer();
  return { png: out, secrets: boxes.length, qrCodes };
}

/** The box of a QR code decoded inside `region` (plus its quiet zone), or undefined when none decodes. */
function decodeIn(image: Raw, region: Box): Box | undefined {
  const x0 = Math.max(0, Math.floor(region.x - QUIET));
  const y0 = Math.max(0, Math.floor(region.y - QUIET));
  const x1 = Math.min(image.width, Math.ceil(region.x + region.width + QUIET));
  const y1 = Math.min(image.height, Math.ceil(region.y + region.height + QUIET));
  const width = x1 - x0;
  const height = y1 - y0;
  if (width < MIN_QR_SIDE || height < MIN_QR_SIDE) return undefined;
  const crop = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    crop.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  const found = jsQR(crop, width, height, { inversionAttempts: 'attemptBoth' });
  if (!found) return undefined;
  const { topLeftCorner: a, topRightCorner: b, bottomLeftCorner: c, bottomRightCorner: d } = found.location;
  const xs = [a.x, b.x, c.x, d.x];
  const ys = [a.y, b.y, c.y, d.y];
  // The corners are the finder patterns' outer corners; a module's width of slack covers the rest.
  const side = Math.max(...xs) - Math.min(...xs);
  const slack = side / 8;
  return {
    x: x0 + Math.min(...xs) - slack,
    y: y0 + Math.min(...ys) - slack,
    width: side + 2 * slack,
    height: Math.max(...ys) - Math.min(...ys) + 2 * slack,
  };
}

function paint(image: Raw, box: Box): void {
  const x0 = Math.max(0, Math.floor(box.x - MARGIN));
  const y0 = Math.max(0, Math.floor(box.y - MARGIN));
  const x1 = Math.min(image.width, Math.ceil(box.x + box.width + MARGIN));
  const y1 = Math.min(image.height, Math.ceil(box.y + box.height + MARGIN));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) image.data.set(FILL, (y * image.width + x) * 4);
  }
}
