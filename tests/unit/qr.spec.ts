import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { decodeQrPng, NoQrCodeError } from '../../lib/qr.ts';

const URI =
  'otpauth://totp/Visma%20Connect:kari%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Visma%20Connect';

/** A 1280×800 "screenshot": light page, dark text-like bars and a coloured header, with the QR code pasted in. */
async function screenshotWithQr(text: string, at: { x: number; y: number }): Promise<Buffer> {
  const page = new PNG({ width: 1280, height: 800 });
  page.data.fill(0xf4);
  const rect = (x: number, y: number, w: number, h: number, rgb: [number, number, number]) => {
    for (let j = y; j < y + h; j++)
      for (let i = x; i < x + w; i++) {
        const k = (j * page.width + i) * 4;
        page.data[k] = rgb[0];
        page.data[k + 1] = rgb[1];
        page.data[k + 2] = rgb[2];
        page.data[k + 3] = 255;
      }
  };
  rect(0, 0, 1280, 64, [0x1b, 0x3a, 0x6b]); // header bar
  for (let line = 0; line < 12; line++)
    rect(80, 120 + line * 28, 300 + ((line * 97) % 400), 12, [0x33, 0x33, 0x33]);
  rect(80, 700, 140, 44, [0x3c, 0x8d, 0x2f]); // a green button
  const qr = PNG.sync.read(await QRCode.toBuffer(text, { margin: 4, scale: 5 }));
  PNG.bitblt(qr, page, 0, 0, qr.width, qr.height, at.x, at.y);
  return PNG.sync.write(page);
}

test('decodes a QR code inside a full screenshot with other content around it', async () => {
  const png = await screenshotWithQr(URI, { x: 820, y: 260 });
  expect(decodeQrPng(png)).toBe(URI);
});

test('decodes a tightly cropped element screenshot', async () => {
  const png = await QRCode.toBuffer('hello QR', { margin: 1, scale: 4 });
  expect(decodeQrPng(png)).toBe('hello QR');
});

test('fails clearly when the image has no QR code', async () => {
  const blank = new PNG({ width: 320, height: 200 });
  blank.data.fill(0xff);
  expect(() => decodeQrPng(PNG.sync.write(blank))).toThrow(NoQrCodeError);
  expect(() => decodeQrPng(PNG.sync.write(blank))).toThrow(/no QR code found in the 320×200 image/);
});

test('fails clearly when the bytes are not a PNG', () => {
  expect(() => decodeQrPng(Buffer.from('not an image'))).toThrow(/not a readable PNG/);
});
