import { Type } from '@sinclair/typebox';
import type { ArticleStatus } from '../../db/schema/index.js';
import type { I18n } from '../../i18n/index.js';
import type { ArticleInput } from '../../features/articles/save-article.js';
import { utcToZonedLocal, zonedLocalToUtc } from '../../shared/datetime-local.js';
import type { EditorValues } from '../../views/admin/article-editor.js';
import { many, text } from './forms.js';

const List = Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Array(Type.String({ maxLength: 20 }), { maxItems: 50 })]));

/** The editor form as posted (also by the autosave script). Every field optional: the use case says what is missing. */
export const ArticleForm = Type.Object({
  _csrf: text(200),
  id: text(20),
  intent: text(20),
  title: text(1000),
  slug: text(200),
  standfirst: text(5000),
  bodyMarkdown: text(500_000),
  tags: text(2000),
  authorIds: List,
  coverUrl: text(1000),
  coverPick: text(1000),
  coverAlt: text(1000),
  coverCaption: text(1000),
  coverCredit: text(300),
  videoUrl: text(1000),
  commentsOpen: text(5),
  status: text(20),
  publishAt: text(40),
});

export type ArticleFormBody = {
  [K in keyof typeof ArticleForm.static]?: (typeof ArticleForm.static)[K];
};

const statuses: ArticleStatus[] = ['draft', 'scheduled', 'published'];

/** What the form holds, as the editor shows it again. */
export function formValues(body: ArticleFormBody): EditorValues {
  const status = statuses.includes(body.status as ArticleStatus) ? (body.status as ArticleStatus) : 'draft';
  return {
    title: body.title ?? '',
    slug: body.slug ?? '',
    standfirst: body.standfirst ?? '',
    bodyMarkdown: body.bodyMarkdown ?? '',
    tags: body.tags ?? '',
    authorIds: many(body.authorIds)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0),
    coverUrl: body.coverPick || body.coverUrl || '',
    coverAlt: body.coverAlt ?? '',
    coverCaption: body.coverCaption ?? '',
    coverCredit: body.coverCredit ?? '',
    videoUrl: body.videoUrl ?? '',
    commentsOpen: body.commentsOpen === '1' || body.commentsOpen === 'on',
    status,
    publishAt: body.publishAt ?? '',
  };
}

/** The use case's input from the form; the publication time is read in the site's time zone. */
export function valuesToInput(values: EditorValues, timeZone: string, t: I18n['t']): { input: ArticleInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  let publishedAt: string | null = null;
  if (values.publishAt.trim()) {
    const at = zonedLocalToUtc(values.publishAt, timeZone);
    if (at) publishedAt = at.toISOString();
    else errors.publishedAt = t('admin.articles.error.scheduleInvalid');
  }
  return {
    errors,
    input: {
      title: values.title,
      slug: values.slug.trim(),
      standfirst: values.standfirst,
      bodyMarkdown: values.bodyMarkdown,
      status: values.status,
      publishedAt,
      authorIds: values.authorIds,
      tags: values.tags
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      coverUrl: values.coverUrl.trim() || null,
      coverAlt: values.coverAlt,
      coverCaption: values.coverCaption,
      coverCredit: values.coverCredit,
      videoUrl: values.videoUrl.trim() || null,
      commentsOpen: values.commentsOpen,
    },
  };
}

/** A saved article (or revision) as the form shows it. */
export function inputToValues(input: ArticleInput, timeZone: string): EditorValues {
  return {
    title: input.title,
    slug: input.slug ?? '',
    standfirst: input.standfirst ?? '',
    bodyMarkdown: input.bodyMarkdown,
    tags: (input.tags ?? []).join(', '),
    authorIds: input.authorIds,
    coverUrl: input.coverUrl ?? '',
    coverAlt: input.coverAlt ?? '',
    coverCaption: input.coverCaption ?? '',
    coverCredit: input.coverCredit ?? '',
    videoUrl: input.videoUrl ?? '',
    commentsOpen: input.commentsOpen !== false,
    status: input.status,
    publishAt: input.publishedAt ? utcToZonedLocal(input.publishedAt, timeZone) : '',
  };
}

/** Nothing typed yet: an autosave of it would only be noise. */
export function isBlank(values: EditorValues): boolean {
  return !values.title.trim() && !values.bodyMarkdown.trim() && !values.standfirst.trim();
}
