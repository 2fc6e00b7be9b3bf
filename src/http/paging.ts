import { Type } from '@sinclair/typebox';
import type { I18n } from '../i18n/index.js';
import { HttpError } from './errors.js';

/** ?page=N: a whole number from 1 to 100,000; anything else is a 400 with a clear message. */
export const PageQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
});

export function pageWindow(page: number | undefined, perPage: number) {
  const current = page ?? 1;
  return { page: current, limit: perPage, offset: (current - 1) * perPage };
}

/** The number of pages for `total` items; asking past the last page is a 404. */
export function pageCount(total: number, perPage: number, page: number, i18n: I18n): number {
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (page > pages) throw new HttpError(404, 'not_found', i18n.t('error.notFoundPage', { page, pages }));
  return pages;
}
