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

/** What a page shows at one moment: its document, its visible text, and where the secrets are on screen. */
export interface PageState {
  /** Identifies the document (its URL and when it was created): two equal states are the same document. */
  document: string;
  /** The visible text of the page (its body's innerText), for telling which quoted words a picture shows. */
  text: string;
  /** Boxes of elements that show a secret, in device pixels of the viewport picture. */
  secretBoxes: Box[];
}

/**
 * Reads the page's state over DevTools (not a traced action, so the secrets searched for never reach a trace
 * or a step title). `secrets` are the registered values, longest first.
 */
export async function pageState(page: Page, secrets: string[]): Promise<PageState | undefined> {
  try {
    const session = await devtools(page);
    const answer = (await session.send('Runtime.evaluate', {
      expression: `(${IN_PAGE})(${JSON.stringify(secrets)})`,
      returnByValue: true,
    })) as { result?: { value?: PageState }; exceptionDetails?: unknown };
    return answer.exceptionDetails ? undefined : answer.result?.value;
  } catch {
    return undefined; // the page went away, or not Chromium
  }
}

/**
 * Runs in the page (as text, so no compiler helper sneaks in): the smallest elements whose text or value holds
 * a secret, their boxes in device pixels, the visible text and the document's identity.
 */
const IN_PAGE = `(secrets) => {
  const squash = (s) => s.replace(/\\s+/g, ' ');
  const holds = (s) => secrets.some((secret) => s.includes(secret) || squash(s).includes(secret));
  const hits = [];
  for (const el of Array.from(document.body ? document.body.querySelectorAll('*') : [])) {
    const value = el.value;
    if (typeof value === 'string' && value && holds(value)) hits.push(el);
    else if (holds(el.textContent || '')) hits.push(el);
  }
  const innermost = hits.filter((el) => !hits.some((other) => other !== el && el.contains(other)));
  const ratio = window.devicePixelRatio || 1;
  const secretBoxes = innermost
    .map((el) => el.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.height > 0)
    .map((r) => ({ x: r.x * ratio, y: r.y * ratio, width: r.width * ratio, height: r.height * ratio }));
  return {
    document: location.href + ' ' + performance.timeOrigin,
    text: document.body ? document.body.innerText : '',
    secretBoxes,
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
