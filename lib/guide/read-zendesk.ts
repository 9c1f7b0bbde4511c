// A Zendesk Help Center API article (`GET /api/v2/help_center/articles/{id}.json`): its title and locale
// as the API gives them, its HTML body through the HTML reader. Lines are the body's own lines.
import { z } from 'zod';
import type { DocModel } from './model.ts';
import { readHtml } from './read-html.ts';
import { GuideError } from './types.ts';

const Article = z.object({
  article: z.object({
    title: z.string(),
    body: z.string(),
    locale: z.string().optional(),
    html_url: z.string().optional(),
    updated_at: z.string().optional(),
  }),
});

export function readZendesk(source: string, options: { file: string }): DocModel {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new GuideError(options.file, 1, `is not JSON: ${(error as Error).message}`);
  }
  const parsed = Article.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || '(top level)';
    throw new GuideError(
      options.file,
      1,
      `is not a Zendesk Help Center article ({ "article": { "title", "body", … } }): ${where}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const { article } = parsed.data;
  const model = readHtml(article.body, { file: options.file });
  model.format = 'zendesk';
  model.title = article.title;
  if (article.locale) model.locale = article.locale;
  model.meta = {
    ...(article.html_url ? { html_url: article.html_url } : {}),
    ...(article.updated_at ? { updated_at: article.updated_at } : {}),
  };
  return model;
}
