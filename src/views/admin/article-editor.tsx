import type { ArticleStatus } from '../../db/schema/index.js';
import type { MediaItem } from '../../features/media/queries.js';
import { CsrfInput, Field, FormMessage } from '../form-fields.js';
import { rawHtml, type SafeHtml } from '../render.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

/** The editor's fields as the form holds them (all text, as typed). */
export interface EditorValues {
  title: string;
  slug: string;
  standfirst: string;
  bodyMarkdown: string;
  /** Comma-separated tag names. */
  tags: string;
  authorIds: number[];
  coverUrl: string;
  coverAlt: string;
  coverCaption: string;
  coverCredit: string;
  videoUrl: string;
  commentsOpen: boolean;
  status: ArticleStatus;
  /** datetime-local in the site's time zone. */
  publishAt: string;
}

export interface ArticleEditorProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  /** null for a new article. */
  article: { id: number; status: ArticleStatus; slug: string; updatedAt: string } | null;
  values: EditorValues;
  errors: Record<string, string>;
  message?: string | null;
  notice?: string | null;
  /** The body rendered by the public page's renderer (the Preview button, or the page as saved). */
  preview: SafeHtml | null;
  candidates: Array<{ id: number; name: string; role: string }>;
  /** Recent uploads to pick a cover from. */
  media: MediaItem[];
  /** May this account schedule or publish this article (policy article.publish)? */
  canPublish: boolean;
  /** An autosaved copy newer than the article, offered for restoring. */
  autosave: { savedAt: string; restoreHref: string } | null;
  revisionCount: number;
  timeZone: string;
}

const ids = {
  title: 'a-title',
  slug: 'a-slug',
  standfirst: 'a-standfirst',
  body: 'a-body',
  authors: 'a-authors',
  publishedAt: 'a-publish-at',
  videoUrl: 'a-video',
  status: 'a-status-draft',
  coverUrl: 'a-cover-url',
} as const;

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null;
}

/** /admin/articles/new and /admin/articles/:id: the editor, with its preview beside the Markdown. */
export function ArticleEditorPage(props: ArticleEditorProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  const v = props.values;
  const e = props.errors;
  const a = props.article;
  const action = a ? `/admin/articles/${a.id}` : '/admin/articles';
  const title = a ? t('admin.editor.editTitle', { title: v.title || t('admin.editor.untitled') }) : t('admin.editor.newTitle');
  const problems = Object.entries(e);
  const describedBy = (id: string, hint: boolean) => [hint ? `${id}-hint` : '', e[id] ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const statuses: ArticleStatus[] = props.canPublish ? ['draft', 'scheduled', 'published'] : ['draft'];
  const pickedMedia = props.media.find((m) => m.url === v.coverUrl);
  return (
    <AdminLayout {...props.shell} title={title} scripts={['admin-editor.js']}>
      <div class="admin-heading">
        <h1>{a ? t('admin.editor.heading') : t('admin.editor.newTitle')}</h1>
        <p class="admin-heading-links">
          <a href="/admin/articles">{t('admin.editor.back')}</a>
          {a && <a href={`/admin/articles/${a.id}/revisions`}>{t('admin.editor.revisions', { count: props.revisionCount })}</a>}
          {a?.status === 'published' && <a href={`/articles/${a.slug}`}>{t('admin.editor.view')}</a>}
        </p>
      </div>
      <FormMessage message={props.notice} kind="info" />
      {props.autosave && (
        <div class="form-message autosave-offer" role="status">
          <p>{t('admin.editor.autosaveOffer', { when: site.i18n.dateTime(props.autosave.savedAt) })}</p>
          <p class="form-actions">
            <a class="button" href={props.autosave.restoreHref}>
              {t('admin.editor.autosaveRestore')}
            </a>
            <button type="submit" form="discard-autosave" class="button-secondary">
              {t('admin.editor.autosaveDiscard')}
            </button>
          </p>
        </div>
      )}
      {(props.message || problems.length > 0) && (
        <div class="form-message form-problems" role="alert">
          <p>{props.message ?? t('admin.form.problems')}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map(([field, message]) => (
                <li>{field in ids ? <a href={`#${ids[field as keyof typeof ids]}`}>{message}</a> : message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form
        id="article-form"
        method="post"
        action={action}
        class="admin-form editor"
        data-preview-url="/admin/articles/preview"
        data-autosave-url="/admin/articles/autosave"
        data-autosaved={t('admin.editor.autosaved')}
        data-autosave-failed={t('admin.editor.autosaveFailed')}
      >
        <CsrfInput token={props.shell.csrfToken} />
        {a && <input type="hidden" name="id" value={String(a.id)} />}
        <Field id={ids.title} name="title" label={t('admin.editor.title')} value={v.title} error={e.title} required maxLength={300} />
        <Field id={ids.slug} name="slug" label={t('admin.editor.slug')} value={v.slug} error={e.slug} hint={t('admin.editor.slugHint')} maxLength={80} />
        <div class={e.standfirst ? 'field field-invalid' : 'field'}>
          <label for={ids.standfirst}>{t('admin.editor.standfirst')}</label>
          <textarea id={ids.standfirst} name="standfirst" rows={3} maxLength={1000} aria-describedby={describedBy(ids.standfirst, false)}>
            {v.standfirst}
          </textarea>
          <ErrorText id={ids.standfirst} error={e.standfirst} />
        </div>
        <div class="editor-split">
          <div class={e.body ? 'field field-invalid' : 'field'}>
            <label for={ids.body}>{t('admin.editor.body')}</label>
            <textarea id={ids.body} name="bodyMarkdown" rows={24} class="editor-markdown" aria-describedby={describedBy(ids.body, true)}>
              {v.bodyMarkdown}
            </textarea>
            <p class="field-hint" id={`${ids.body}-hint`}>
              {t('admin.editor.bodyHint')}
            </p>
            <ErrorText id={ids.body} error={e.body} />
          </div>
          {/* Focusable: the preview scrolls on its own, and keyboard users must be able to scroll it. */}
          <section class="editor-preview" aria-labelledby="preview-heading" tabIndex={0}>
            <h2 id="preview-heading">{t('admin.editor.preview')}</h2>
            <div id="article-preview" class="article-body" aria-live="polite" {...(props.preview ? rawHtml(props.preview) : {})}>
              {props.preview ? undefined : <p class="muted">{t('admin.editor.previewEmpty')}</p>}
            </div>
          </section>
        </div>

        <fieldset class="editor-group">
          <legend>{t('admin.editor.cover')}</legend>
          <Field id={ids.coverUrl} name="coverUrl" type="text" label={t('admin.editor.coverUrl')} value={pickedMedia ? '' : v.coverUrl} hint={t('admin.editor.coverUrlHint')} maxLength={1000} />
          {props.media.length > 0 && (
            <details class="media-pick" open={Boolean(pickedMedia)}>
              <summary>{t('admin.editor.coverPick')}</summary>
              <fieldset>
                <legend class="visually-hidden">{t('admin.editor.coverPick')}</legend>
                <ul class="media-pick-list">
                  <li>
                    <label>
                      <input type="radio" name="coverPick" value="" checked={!pickedMedia} /> {t('admin.editor.coverPickNone')}
                    </label>
                  </li>
                  {props.media.map((m) => (
                    <li>
                      <label>
                        <input type="radio" name="coverPick" value={m.url} checked={pickedMedia?.id === m.id} />
                        <img src={m.thumbUrl} alt="" width="96" height={String(Math.max(1, Math.round((96 * m.height) / m.width)))} loading="lazy" decoding="async" />
                        <span>{m.alt || m.filename}</span>
                      </label>
                    </li>
                  ))}
                </ul>
              </fieldset>
            </details>
          )}
          <Field id="a-cover-alt" name="coverAlt" label={t('admin.editor.coverAlt')} value={v.coverAlt} hint={t('admin.editor.coverAltHint')} maxLength={1000} />
          <Field id="a-cover-caption" name="coverCaption" label={t('admin.editor.coverCaption')} value={v.coverCaption} maxLength={1000} />
          <Field id="a-cover-credit" name="coverCredit" label={t('admin.editor.coverCredit')} value={v.coverCredit} maxLength={300} />
        </fieldset>

        <Field id={ids.videoUrl} name="videoUrl" type="url" label={t('admin.editor.video')} value={v.videoUrl} error={e.videoUrl} hint={t('admin.editor.videoHint')} maxLength={1000} />
        <Field id="a-tags" name="tags" label={t('admin.editor.tags')} value={v.tags} hint={t('admin.editor.tagsHint')} maxLength={1000} />
        <div class={e.authors ? 'field field-invalid' : 'field'}>
          <label for={ids.authors}>{t('admin.editor.authors')}</label>
          <select id={ids.authors} name="authorIds" multiple size={Math.min(8, Math.max(3, props.candidates.length))} aria-describedby={describedBy(ids.authors, true)}>
            {props.candidates.map((c) => (
              <option value={String(c.id)} selected={v.authorIds.includes(c.id)}>
                {c.name}
              </option>
            ))}
          </select>
          <p class="field-hint" id={`${ids.authors}-hint`}>
            {t('admin.editor.authorsHint')}
          </p>
          <ErrorText id={ids.authors} error={e.authors} />
        </div>
        <div class="field field-check">
          <label>
            <input type="checkbox" name="commentsOpen" value="1" checked={v.commentsOpen} /> {t('admin.editor.commentsOpen')}
          </label>
        </div>

        <fieldset class="editor-group" aria-describedby={props.canPublish ? undefined : 'a-status-note'}>
          <legend>{t('admin.editor.status')}</legend>
          {statuses.map((s) => (
            <div class="field-check">
              <label>
                <input type="radio" name="status" value={s} id={s === 'draft' ? ids.status : undefined} checked={v.status === s || (!statuses.includes(v.status) && s === 'draft')} />{' '}
                {t(`admin.editor.status.${s}`)}
              </label>
            </div>
          ))}
          {!props.canPublish && (
            <p class="field-hint" id="a-status-note">
              {t('admin.editor.cannotPublish')}
            </p>
          )}
          <ErrorText id={ids.status} error={e.status} />
          {props.canPublish && (
            <div class={e.publishedAt ? 'field field-invalid' : 'field'}>
              <label for={ids.publishedAt}>{t('admin.editor.publishAt', { zone: props.timeZone })}</label>
              <input id={ids.publishedAt} name="publishAt" type="datetime-local" value={v.publishAt} aria-describedby={describedBy(ids.publishedAt, true)} />
              <p class="field-hint" id={`${ids.publishedAt}-hint`}>
                {t('admin.editor.publishAtHint')}
              </p>
              <ErrorText id={ids.publishedAt} error={e.publishedAt} />
            </div>
          )}
        </fieldset>

        <div class="form-actions editor-actions">
          <button type="submit" name="intent" value="save">
            {t('admin.editor.save')}
          </button>
          <button type="submit" name="intent" value="preview" class="button-secondary">
            {t('admin.editor.previewButton')}
          </button>
          <p id="autosave-status" class="muted" role="status" aria-live="polite" />
        </div>
      </form>
      {props.autosave && (
        <form id="discard-autosave" method="post" action="/admin/articles/autosave/discard" hidden>
          <CsrfInput token={props.shell.csrfToken} />
          {a && <input type="hidden" name="id" value={String(a.id)} />}
        </form>
      )}
    </AdminLayout>
  );
}
