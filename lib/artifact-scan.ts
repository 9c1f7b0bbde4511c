// Searches a run's artifacts for the secrets the run used: the reports (HTML, JSON, Markdown, JUnit XML),
// Playwright's HTML report (its data is a base64 zip inside index.html), traces (zips of records, snapshots
// and pictures), and every picture, decoded for QR codes. Zips and base64 data inside text are opened and
// searched too. Used by the test that holds the suite to its promise that no artifact shows a secret.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import type { Secrets } from './secrets.ts';
import { DATA_URL_RE, pictureKind, textOf, withoutQrCodes } from './trace-redact.ts';

export interface ScanFinding {
  /** The file, and inside it the zip entry or embedded data (`file!entry`). */
  where: string;
  /** The secret kinds found in text, or "QR code". */
  what: string[];
}

export interface ScanResult {
  findings: ScanFinding[];
  /** How many items of each kind were searched: html, json, png, zip entry, trace records … */
  searched: Record<string, number>;
}

const MAX_DEPTH = 4;

export async function scanArtifacts(roots: string[], secrets: Secrets): Promise<ScanResult> {
  const result: ScanResult = { findings: [], searched: {} };
  const count = (kind: string) => (result.searched[kind] = (result.searched[kind] ?? 0) + 1);

  const scan = async (where: string, bytes: Uint8Array, depth: number): Promise<void> => {
    if (
      bytes[0] === 0x50 &&
      bytes[1] === 0x4b &&
      bytes[2] === 0x03 &&
      bytes[3] === 0x04 &&
      depth < MAX_DEPTH
    ) {
      count('zip');
      let entries: Record<string, Uint8Array>;
      try {
        entries = unzipSync(bytes);
      } catch (error) {
        result.findings.push({ where, what: [`unreadable zip (${(error as Error).message})`] });
        return;
      }
      for (const [name, entry] of Object.entries(entries)) await scan(`${where}!${name}`, entry, depth + 1);
      return;
    }
    const picture = pictureKind(bytes);
    if (picture) {
      count(picture);
      if (await withoutQrCodes(bytes)) result.findings.push({ where, what: ['QR code'] });
      return;
    }
    const text = textOf(bytes) ?? Buffer.from(bytes).toString('latin1');
    count(kindOf(where));
    const kinds = secrets.foundIn(text);
    if (kinds.length > 0) result.findings.push({ where, what: kinds });
    if (depth >= MAX_DEPTH) return;
    let n = 0;
    for (const m of text.matchAll(DATA_URL_RE)) {
      await scan(`${where}!data:${++n}`, Buffer.from(m[2]!, 'base64'), depth + 1);
    }
  };

  for (const root of roots) {
    for (const file of filesUnder(root)) await scan(file, readFileSync(file), 0);
  }
  return result;
}

function kindOf(where: string): string {
  const name = where.split('!').at(-1)!;
  if (/\.(trace|network|stacks)$/.test(name)) return 'trace records';
  const ext = path.extname(name).slice(1).toLowerCase();
  return ext === '' ? 'other text' : ext;
}

function filesUnder(root: string): string[] {
  let stat;
  try {
    stat = statSync(root);
  } catch {
    return [];
  }
  if (stat.isFile()) return [root];
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.join(d.parentPath, d.name))
    .sort();
}
