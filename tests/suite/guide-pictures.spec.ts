// Step pictures: the screen the step describes, masked by construction (no mask passed by the test).
import { expect, test } from '@playwright/test';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { StepCamera } from '../../lib/guide/pictures.ts';
import { decodeQrPng, NoQrCodeError } from '../../lib/qr.ts';
import { Secrets } from '../../lib/secrets.ts';

const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DP';
const EMERGENCY = 'K7QX-M2PL-9RTV-4WZD-H8NB';

/** Serves `html` at a page address (a blank page is never pictured: it is no screen of the target). */
async function show(page: import('@playwright/test').Page, html: string): Promise<void> {
  await page.route('http://pictures.localhost/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: html }),
  );
  await page.goto('http://pictures.localhost/');
}

async function enrolmentScreen(page: import('@playwright/test').Page): Promise<void> {
  const uri = `otpauth://totp/Test:ola%40example.com?secret=${KEY}&issuer=Test`;
  await show(
    page,
    `<main style="font: 20px sans-serif">
    <h1>Scan this code</h1>
    <img alt="QR code" src="${await QRCode.toDataURL(uri, { margin: 2, scale: 5 })}">
    <p>Key: <code id="key">${KEY.match(/.{4}/g)!.join(' ')}</code></p>
    <p>Emergency code: <strong id="emergency">${EMERGENCY}</strong></p>
    <button>Next</button></main>`,
  );
}

/** The attached picture of the camera's last step. */
function attached(testInfo: import('@playwright/test').TestInfo, name: string): Buffer {
  const found = testInfo.attachments.find((a) => a.name === name);
  if (!found?.body) throw new Error(`no picture "${name}" attached`);
  return found.body;
}

/** True when every pixel of the element's box is the same colour (painted over). */
async function paintedOver(page: import('@playwright/test').Page, png: Buffer, selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  const image = PNG.sync.read(png);
  const colours = new Set<string>();
  for (let y = Math.ceil(box.y); y < box.y + box.height - 1; y += 2) {
    for (let x = Math.ceil(box.x); x < box.x + box.width - 1; x += 2) {
      const i = (y * image.width + x) * 4;
      colours.add(`${image.data[i]},${image.data[i + 1]},${image.data[i + 2]}`);
    }
  }
  return colours.size === 1;
}

test('a step picture paints over every QR code and every registered secret, even one registered after the picture', async ({
  page,
}, testInfo) => {
  await enrolmentScreen(page);
  const secrets = new Secrets();
  secrets.add(KEY, 'authenticator key');
  const camera = new StepCamera(testInfo, secrets, () => page);
  await camera.begin(['Scan this code'], ['Scan this code']);
  // Read off the screen after the picture was taken, as a spec reads the emergency code late in a step.
  secrets.add(EMERGENCY, 'emergency code');
  const picture = await camera.finish('step 1');
  expect(picture?.shows).toEqual(['Scan this code']);

  const png = attached(testInfo, 'step 1');
  expect(() => decodeQrPng(png)).toThrow(NoQrCodeError);
  expect(await paintedOver(page, png, '#key')).toBe(true);
  expect(await paintedOver(page, png, '#emergency')).toBe(true);
  // What is no secret stays readable: the heading is not painted over.
  expect(await paintedOver(page, png, 'h1')).toBe(false);

  // The same screen unmasked does hold the QR code: the check above is not vacuous.
  expect(decodeQrPng(await page.screenshot())).toContain('otpauth://');
});

test("a step that leaves its screen keeps the picture of the screen with the step's words", async ({
  page,
}, testInfo) => {
  await show(
    page,
    `<h1>Start the set-up</h1><button onclick="document.body.innerHTML='<h1>Password</h1>'">Start</button>`,
  );
  const camera = new StepCamera(testInfo, new Secrets(), () => page);
  await camera.begin(['Start the set-up'], ['Start the set-up']);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { name: 'Password' })).toBeVisible();
  const picture = await camera.finish('step 2');
  expect(picture?.shows).toEqual(['Start the set-up']);
  // The final screen shows none of the step's words, so the earlier picture is the one attached.
  const png = PNG.sync.read(attached(testInfo, 'step 2'));
  const nowShown = PNG.sync.read(await page.screenshot());
  expect(png.data.equals(nowShown.data)).toBe(false);
});

test('a QR code is painted over however the page draws it: canvas, SVG, CSS background, light on dark', async ({
  page,
}, testInfo) => {
  const uri = `otpauth://totp/Test:ola%40example.com?secret=${KEY}&issuer=Test`;
  const png = await QRCode.toDataURL(uri, { margin: 2, scale: 5 });
  const inverted = await QRCode.toDataURL(uri, {
    margin: 2,
    scale: 5,
    color: { dark: '#ffffffff', light: '#000000ff' },
  });
  const svg = await QRCode.toString(uri, { type: 'svg', margin: 2, width: 200 });
  const screens: Record<string, string> = {
    canvas: `<canvas width="200" height="200"></canvas><script>
      const image = new Image();
      image.onload = () => { document.querySelector('canvas').getContext('2d').drawImage(image, 0, 0, 200, 200); document.title = 'drawn'; };
      image.src = ${JSON.stringify(png)};
    </script>`,
    svg: `<div style="width:200px">${svg}</div>`,
    'CSS background': `<div style="width:200px;height:200px;background:url(${png}) no-repeat;background-size:contain"></div>`,
    'light on dark': `<img alt="QR code" src="${inverted}">`,
    'a pseudo-element': `<style>.code::after{content:url(${png})}</style><p class="code"></p>`,
  };
  for (const [kind, html] of Object.entries(screens)) {
    await show(page, `<main style="font: 20px sans-serif"><h1>Scan this code</h1>${html}</main>`);
    if (kind === 'canvas') await expect(page).toHaveTitle('drawn');
    // The screen as it is holds a readable QR code: the check below is not vacuous.
    expect(decodeQrPng(await page.screenshot()), kind).toContain('otpauth://');
    const camera = new StepCamera(testInfo, new Secrets(), () => page);
    await camera.begin(['Scan this code'], ['Scan this code']);
    await camera.finish(`step ${kind}`);
    expect(() => decodeQrPng(attached(testInfo, `step ${kind}`)), kind).toThrow(NoQrCodeError);
    await page.unrouteAll();
  }
});
