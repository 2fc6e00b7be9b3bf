import type { AppContext } from '../../src/context.js';
import { createUser } from '../../src/features/accounts/create-user.js';
import { type ArticleInput, saveArticle } from '../../src/features/articles/save-article.js';

let counter = 0;

export async function makeAuthor(ctx: AppContext, name = `Author ${++counter}`) {
  return createUser(ctx, { email: `author${++counter}@example.org`, name, role: 'author' });
}

/** A published article with sensible defaults; override anything. */
export async function makeArticle(ctx: AppContext, overrides: Partial<ArticleInput> = {}) {
  const authorIds = overrides.authorIds ?? [(await makeAuthor(ctx)).id];
  const n = ++counter;
  return saveArticle(ctx, {
    title: `Report number ${n}`,
    standfirst: `Standfirst of report ${n}.`,
    bodyMarkdown: `Body of report ${n}.\n\n## A subheading\n\nMore text.`,
    status: 'published',
    publishedAt: ctx.clock.now().toISOString(),
    tags: ['News'],
    ...overrides,
    authorIds,
  });
}
