// `npm run bench:qr`: how long the authenticator fixture's "scan" takes: screenshot the QR element in a
// real browser and decode it. Prints the median over N runs (target ≤ 60 ms).
import { chromium } from '@playwright/test';
import QRCode from 'qrcode';
import { resolveBrowser } from '../lib/browser.ts';
import { loadConfigOrExit } from '../lib/config.ts';
import { scanQrElement } from '../lib/qr.ts';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(`Usage: npm run bench:qr [-- --runs N]

Opens a page with the QR code of an otpauth URI (as the 2FA enrolment screen shows it), then N times
(default 20) screenshots the QR element and decodes it. Prints median, p95, min and max in ms.`);
  process.exit(0);
}

const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 20;
if (!Number.isInteger(runs) || runs < 1) {
  console.error('bench:qr: --runs needs a whole number greater than 0');
  process.exit(2);
}

const config = loadConfigOrExit();
const uri =
  'otpauth://totp/Visma%20Connect:bench%40example.com?secret=KRUGS4ZANFZSAYJAORSXG5BAONSWG4TF&issuer=Visma%20Connect';
const browser = await chromium.launch({ executablePath: resolveBrowser(config.chromiumPath).executablePath });
try {
  const page = await browser.newPage();
  const dataUrl = await QRCode.toDataURL(uri, { margin: 2, scale: 5 });
  await page.setContent(
    `<main><h1>Enable Two-step verification</h1><p>Scan the code with your app.</p>` +
      `<img alt="QR code" src="${dataUrl}"><p>Can't scan QR code?</p></main>`,
  );
  const qr = page.getByRole('img', { name: 'QR code' });
  await scanQrElement(qr); // warm-up: the first screenshot of a page pays for set-up

  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const text = await scanQrElement(qr);
    times.push(performance.now() - start);
    if (text !== uri) throw new Error(`run ${i + 1}: decoded text differs from the URI on the page`);
    if (process.stdout.isTTY) process.stdout.write(`\rbench:qr: run ${i + 1}/${runs}`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)]!;
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `\nbench:qr: screenshot QR element + decode, ${runs} runs (${browser.version()}): ` +
      `median ${fmt(at(0.5))}, p95 ${fmt(at(0.95))}, min ${fmt(times[0]!)}, max ${fmt(times.at(-1)!)} (target ≤ 60 ms median)`,
  );
} finally {
  await browser.close();
}
