// Reads a QR code from a PNG (a screenshot of a page, or of one element) with pngjs and jsQR.
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
// Types only: this module stays usable without a browser (decodeQrPng).
import type { Locator } from '@playwright/test';

// jsqr ships a UMD bundle whose module.exports is the function itself, while its types describe an ES
// default export; under NodeNext the types then see a namespace. The value is the function.
const jsQR = jsQRModule as unknown as typeof jsQRModule.default;

export class NoQrCodeError extends Error {
  constructor(width: number, height: number) {
    super(
      `no QR code found in the ${width}×${height} image. Is the QR code visible, not cut off or covered, ` +
        'and large enough (at least ~100 px)?',
    );
    this.name = 'NoQrCodeError';
  }
}

/** Decodes the QR code in a PNG buffer and returns its text. Throws NoQrCodeError when there is none. */
export function decodeQrPng(png: Buffer): string {
  let image: PNG;
  try {
    image = PNG.sync.read(png);
  } catch (error) {
    throw new Error(`not a readable PNG image: ${(error as Error).message}`, { cause: error });
  }
  const pixels = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  // A screenshot is dark-on-light; only fall back to inverted reading when that finds nothing.
  const found = jsQR(pixels, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  if (!found) throw new NoQrCodeError(image.width, image.height);
  return found.data;
}

/**
 * Reads the QR code a person would point their phone at: waits until the element is visible, brings it
 * into view and screenshots just its box, then decodes it. A page screenshot clipped to the box costs about
 * half of an element screenshot, which first re-checks stability over several frames; an enrolment QR code
 * is static once shown.
 */
export async function scanQrElement(element: Locator): Promise<string> {
  await element.waitFor({ state: 'visible' });
  const box = await element.evaluate((el) => {
    el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    const r = el.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  if (box.width < 1 || box.height < 1)
    throw new Error('the QR code element has no size on screen (is it hidden?)');
  return decodeQrPng(await element.page().screenshot({ clip: box, scale: 'css' }));
}
