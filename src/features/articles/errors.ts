/** Coded errors of the articles area; http/errors.ts maps codes to statuses and messages. */
export class ArticleError extends Error {
  constructor(
    readonly code: 'article_invalid' | 'article_slug_taken' | 'article_not_found' | 'article_forbidden' | 'revision_not_found',
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
  }
}
