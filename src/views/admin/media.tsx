import type { MediaItem } from '../../features/media/queries.js';
import { Pager } from '../components.js';
import { CsrfInput, FormMessage } from '../form-fields.js';
import type { SiteView } from '../site.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

export interface MediaPageProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  items: Array<MediaItem & { deletable: boolean }>;
  page: number;
  pages: number;
  total: number;
  maxMegabytes: number;
  notice?: string | null;
  /** Upload problems, one per refused file. */
  errors?: string[];
}

/** "1.2 MB", "340 KB". */
function size(site: SiteView, bytes: number): string {
  const { t, number } = site.i18n;
  return bytes >= 1024 * 1024 ? t('admin.media.mb', { n: number(Math.round((bytes / 1024 / 1024) * 10) / 10) }) : t('admin.media.kb', { n: number(Math.max(1, Math.round(bytes / 1024))) });
}

/** One upload in the library: also sent alone, as the fragment the upload script inserts. */
export function MediaCard({ site, item, csrfToken }: { site: SiteView; item: MediaItem & { deletable: boolean }; csrfToken: string | null }) {
  const { t } = site.i18n;
  const markdown = `![${item.alt || item.filename.replace(/\.[a-z0-9]+$/i, '')}](${item.url})`;
  const thumbHeight = Math.max(1, Math.round((240 * item.height) / item.width));
  return (
    <li class="media-card" id={`media-${item.id}`}>
      <a class="media-thumb" href={item.url}>
        <img src={item.thumbUrl} alt={item.alt || item.filename} width="240" height={String(thumbHeight)} loading="lazy" decoding="async" />
      </a>
      <p class="media-name">{item.filename}</p>
      <p class="muted media-facts">
        {t('admin.media.facts', { width: item.width, height: item.height, size: size(site, item.bytes) })} · <span class={`status status-${item.status}`}>{t(`admin.media.status.${item.status}`)}</span>
      </p>
      <div class="field">
        <label for={`media-md-${item.id}`}>{t('admin.media.markdown')}</label>
        <input id={`media-md-${item.id}`} type="text" readOnly value={markdown} class="media-markdown" />
      </div>
      {item.deletable && (
        <>
          <form method="post" action={`/admin/media/${item.id}`} class="media-alt">
            <CsrfInput token={csrfToken} />
            <div class="field">
              <label for={`media-alt-${item.id}`}>{t('admin.media.alt')}</label>
              <input id={`media-alt-${item.id}`} name="alt" type="text" value={item.alt} maxLength={1000} />
            </div>
            <button type="submit" class="button-secondary">
              {t('admin.media.saveAlt')}
            </button>
          </form>
          <form method="post" action={`/admin/media/${item.id}/delete`} class="media-delete">
            <CsrfInput token={csrfToken} />
            <button type="submit" class="button-link" aria-label={t('admin.media.deleteLabel', { name: item.filename })}>
              {t('admin.media.delete')}
            </button>
          </form>
        </>
      )}
    </li>
  );
}

/** /admin/media: upload (a plain form; the script adds drag and drop), then the library, newest first. */
export function MediaPage(props: MediaPageProps) {
  const { site } = props.shell;
  const { t } = site.i18n;
  // A multipart body is read after the route guard runs, so the form's CSRF token travels in its action.
  const action = `/admin/media?_csrf=${encodeURIComponent(props.shell.csrfToken ?? '')}`;
  return (
    <AdminLayout {...props.shell} title={t('admin.media.title')} scripts={['admin-media.js']}>
      <h1>{t('admin.media.title')}</h1>
      <FormMessage message={props.notice} kind="info" />
      {props.errors && props.errors.length > 0 && (
        <div class="form-message form-problems" role="alert">
          <p>{t('admin.media.error.some')}</p>
          <ul>
            {props.errors.map((e) => (
              <li>{e}</li>
            ))}
          </ul>
        </div>
      )}
      {/* The description comes before the files: the server reads the parts in order and applies it to each. */}
      <form id="media-upload" method="post" action={action} enctype="multipart/form-data" class="admin-form upload-form"
        data-csrf={props.shell.csrfToken ?? ''}
        data-max-bytes={String(props.maxMegabytes * 1024 * 1024)}
        data-uploading={t('admin.media.uploading')}
        data-too-large={t('admin.media.error.tooLarge', { max: props.maxMegabytes })}
        data-failed={t('admin.media.uploadFailed')}
      >
        <div class="field">
          <label for="m-alt">{t('admin.media.alt')}</label>
          <input id="m-alt" name="alt" type="text" maxLength={1000} aria-describedby="m-alt-hint" />
          <p class="field-hint" id="m-alt-hint">
            {t('admin.media.altHint')}
          </p>
        </div>
        <div class="dropzone" data-dropzone>
          <div class="field">
            <label for="m-file">{t('admin.media.file')}</label>
            <input id="m-file" name="file" type="file" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" multiple required aria-describedby="m-file-hint" />
            <p class="field-hint" id="m-file-hint">
              {t('admin.media.fileHint', { max: props.maxMegabytes })}
            </p>
            <p class="field-hint dropzone-hint" hidden>
              {t('admin.media.dropHint')}
            </p>
          </div>
        </div>
        <div class="form-actions">
          <button type="submit">{t('admin.media.upload')}</button>
        </div>
        <ul id="upload-status" class="upload-status" aria-live="polite" />
      </form>
      <h2>{t('admin.media.library', { count: props.total })}</h2>
      {props.items.length === 0 && (
        <p class="muted" id="media-empty">
          {t('admin.media.empty')}
        </p>
      )}
      <ul class="media-grid" id="media-list">
        {props.items.map((item) => (
          <MediaCard site={site} item={item} csrfToken={props.shell.csrfToken} />
        ))}
      </ul>
      <Pager site={site} page={props.page} pages={props.pages} href={(n) => (n > 1 ? `/admin/media?page=${n}` : '/admin/media')} />
    </AdminLayout>
  );
}
