// Small pieces every HTTP handler of the mail sink uses: answers, errors, parameters and JSON bodies.
import type http from 'node:http';

export type Res = http.ServerResponse;

/** Thrown inside a handler to answer with a plain-text 4xx, like Mailpit's httpError / fourOFour. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const MAX_BODY = 1024 * 1024;

export function send(
  res: Res,
  status: number,
  type: string,
  body: string | Buffer,
  extra: http.OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...extra });
  res.end(body);
}

export const json = (res: Res, body: unknown): void =>
  send(res, 200, 'application/json; charset=utf-8', JSON.stringify(body));
export const ok = (res: Res): void => send(res, 200, 'text/plain; charset=utf-8', 'ok');

/** start= and limit= as Mailpit reads them: a positive whole number, anything else the default. */
export function pageParams(url: URL): { start: number; limit: number } {
  const positive = (name: string, fallback: number) => {
    const value = url.searchParams.get(name) ?? '';
    return /^\+?\d+$/.test(value.trim()) && Number(value) > 0 ? Number(value) : fallback;
  };
  return { start: positive('start', 0), limit: positive('limit', 50) };
}

export async function readJson(
  req: http.IncomingMessage,
  maxBytes = MAX_BODY,
): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw new HttpError(413, `Request body is larger than ${maxBytes} bytes`);
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '' || text === 'null') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new HttpError(400, `Request body is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new HttpError(400, 'Request body must be a JSON object');
  }
  return parsed as Record<string, unknown>;
}

export function decodePart(value: string | undefined): string {
  try {
    return decodeURIComponent(value ?? '');
  } catch {
    throw new HttpError(400, `Bad percent-encoding in the path: ${value ?? ''}`);
  }
}

/** A body's list of strings (IDs, Tags): absent is empty, anything but strings is a 400 naming it. */
export function stringList(body: Record<string, unknown> | undefined, field: string): string[] {
  const value = body?.[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new HttpError(400, `${field} must be an array of strings`);
  }
  return value as string[];
}

export function basicAuthUser(header: string | undefined): string {
  const m = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!m) return '';
  const decoded = Buffer.from(m[1] ?? '', 'base64').toString('utf8');
  return decoded.includes(':') ? decoded.slice(0, decoded.indexOf(':')) : '';
}
