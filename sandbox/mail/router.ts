// The sink's route table: method + path pattern → named handler. A known path with another method is a
// 405, an unknown path a 404, as in Mailpit.
import type http from 'node:http';
import type { Handler, SinkApi } from './api.ts';
import { HttpError } from './http-util.ts';
import * as list from './routes-messages.ts';
import * as one from './routes-message.ts';
import * as other from './routes-other.ts';

type Route = [method: 'GET' | 'PUT' | 'POST' | 'DELETE', path: RegExp, handler: Handler];

const MESSAGE = '/api/v1/message/([^/]+)';

export const ROUTES: Route[] = [
  ['GET', /^\/(?:livez|readyz)$/, other.health],
  ['GET', /^\/api\/v1\/messages$/, list.listMessages],
  ['PUT', /^\/api\/v1\/messages$/, list.setReadStatus],
  ['DELETE', /^\/api\/v1\/messages$/, list.deleteMessages],
  ['GET', /^\/api\/v1\/search$/, list.searchMessages],
  ['DELETE', /^\/api\/v1\/search$/, list.deleteBySearch],
  ['GET', /^\/api\/v1\/info$/, other.info],
  ['GET', /^\/api\/v1\/webui$/, other.webui],
  ['GET', /^\/api\/v1\/tags$/, other.getTags],
  ['PUT', /^\/api\/v1\/tags$/, other.setTags],
  ['PUT', /^\/api\/v1\/tags\/([^/]+)$/, other.renameTag],
  ['DELETE', /^\/api\/v1\/tags\/([^/]+)$/, other.deleteTag],
  ['POST', /^\/api\/v1\/send$/, other.sendMessage],
  ['GET', new RegExp(`^${MESSAGE}$`), one.messageSummary],
  ['GET', new RegExp(`^${MESSAGE}/headers$`), one.messageHeaders],
  ['GET', new RegExp(`^${MESSAGE}/raw$`), one.messageSource],
  ['GET', new RegExp(`^${MESSAGE}/part/([^/]+)$`), one.messagePart],
  ['GET', new RegExp(`^${MESSAGE}/part/([^/]+)/thumb$`), one.partThumbnail],
  ['GET', new RegExp(`^${MESSAGE}/link-check$`), one.messageLinkCheck],
  ['GET', new RegExp(`^${MESSAGE}/html-check$`), one.messageHtmlCheck],
  ['GET', /^\/view\/([^/]+)\.html$/, one.viewHtml],
  ['GET', /^\/view\/([^/]+)\.txt$/, one.viewText],
  ['GET', /^\/(?:index\.html)?$/, other.indexPage],
];

/** Runs the handler for a request, or throws the 404/405 HttpError. */
export async function route(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  sink: SinkApi,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method === 'HEAD' ? 'GET' : (req.method ?? 'GET');
  let pathKnown = false;
  for (const [m, path, handler] of ROUTES) {
    const match = path.exec(url.pathname);
    if (!match) continue;
    pathKnown = true;
    if (m !== method) continue;
    await handler({ req, res, url, params: match.slice(1), sink });
    return;
  }
  if (pathKnown) throw new HttpError(405, `Method ${req.method ?? ''} is not allowed on ${url.pathname}`);
  throw new HttpError(404, 'Not found');
}
