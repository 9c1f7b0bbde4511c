// A trace's secrets come out in every form it holds them in, and nothing else in it changes: records with
// JSON-escaped values, a page whose QR code is a data: URL picture, a picture entry, an untouched entry.
import { expect, test } from '@playwright/test';
import { strToU8, unzipSync, zipSync } from 'fflate';
import QRCode from 'qrcode';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scanArtifacts } from '../../lib/artifact-scan.ts';
import { Secrets } from '../../lib/secrets.ts';
import { redactTrace } from '../../lib/trace-redact.ts';

const PASSWORD = 'Gw#Secret-Pass1';
const URI = 'otpauth://totp/Visma:kari@example.test?secret=JBSWY3DPEHPK3PXPJBSWY3DP&issuer=Visma';

async function trace() {
  const qr = await QRCode.toBuffer(URI, { margin: 4, scale: 6 });
  const png = new Uint8Array(qr);
  return zipSync({
    'trace.trace': strToU8(
      `${JSON.stringify({ type: 'after', params: { value: PASSWORD } })}\n` +
        `${JSON.stringify({ snapshot: { html: ['A', { href: URI }, 'key JBSW Y3DP EHPK 3PXP JBSW Y3DP'] } })}\n`,
    ),
    'resources/page.html': strToU8(`<p>Scan</p><img src="data:image/png;base64,${qr.toString('base64')}">`),
    'resources/qr.png': png,
    'resources/plain.css': strToU8('body { color: black }'),
  });
}

test('a trace keeps its records, with every secret replaced and every QR code painted over', async () => {
  const secrets = new Secrets();
  secrets.add(PASSWORD, 'password');
  secrets.add(URI, 'otpauth uri');
  secrets.add('JBSWY3DPEHPK3PXPJBSWY3DP', 'authenticator key');
  const zip = await trace();
  const dir = mkdtempSync(path.join(tmpdir(), 'gw-trace-'));
  try {
    writeFileSync(path.join(dir, 'before.zip'), zip);
    const before = await scanArtifacts([path.join(dir, 'before.zip')], secrets);
    expect(before.findings.map((f) => [f.where.split('!').slice(1).join('!'), f.what.sort()]).sort()).toEqual(
      [
        ['resources/page.html!data:1', ['QR code']],
        ['resources/qr.png', ['QR code']],
        ['trace.trace', ['authenticator key', 'otpauth uri', 'password']],
      ],
    );

    const redacted = await redactTrace(zip, secrets);
    expect([redacted.texts, redacted.qrCodes, redacted.dropped]).toEqual([2, 2, 0]);
    writeFileSync(path.join(dir, 'after.zip'), redacted.zip);
    const after = await scanArtifacts([path.join(dir, 'after.zip')], secrets);
    expect(after.findings).toEqual([]);
    const entries = unzipSync(redacted.zip);
    const records = new TextDecoder().decode(entries['trace.trace']);
    expect(records).toContain('«password»');
    expect(records).toContain('«authenticator key»');
    expect(records).toContain('«otpauth uri»');
    expect(new TextDecoder().decode(entries['resources/plain.css'])).toBe('body { color: black }');
    expect(new TextDecoder().decode(entries['resources/page.html'])).toMatch(
      /^<p>Scan<\/p><img src="data:image\/png;base64,/,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
