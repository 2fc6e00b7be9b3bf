import { Layout } from '../layout.js';
import { rawHtml, trustSanitized } from '../render.js';
import type { SiteView } from '../site.js';

export interface ReportPageProps {
  site: SiteView;
  comment: { id: number; authorName: string; bodyHtml: string };
  back: string;
  values: { reason: string; note: string };
  errors: Record<string, string>;
}

const reasons = ['spam', 'abuse', 'off_topic', 'other'] as const;

/** "Report" on a comment, without scripts: the comment, what is wrong with it, and a note. */
export function ReportPage({ site, comment, back, values, errors }: ReportPageProps) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('moderation.reportPage.title')} noindex>
      <header class="page-header">
        <h1>{t('moderation.reportPage.title')}</h1>
        <p class="lead">{t('moderation.reportPage.lead')}</p>
      </header>
      <figure class="reported-comment">
        <figcaption>{t('moderation.reportPage.comment', { name: comment.authorName })}</figcaption>
        <blockquote class="comment-body" dir="auto" {...rawHtml(trustSanitized(comment.bodyHtml))} />
      </figure>
      <form class="comment-form report-form" method="post" action={`/comments/${comment.id}/report`}>
        {Object.keys(errors).length > 0 && (
          <div class="form-problems" role="alert">
            <ul>
              {Object.values(errors).map((message) => (
                <li>{message}</li>
              ))}
            </ul>
          </div>
        )}
        <fieldset>
          <legend>{t('moderation.reportPage.reason')}</legend>
          {reasons.map((reason) => (
            <p class="field-check">
              <input type="radio" id={`report-${reason}`} name="reason" value={reason} checked={values.reason === reason} required />{' '}
              <label for={`report-${reason}`}>{t(`moderation.reportReason.${reason}`)}</label>
            </p>
          ))}
        </fieldset>
        <p class="field">
          <label for="report-note">{t('moderation.reportPage.note')}</label>
          <textarea id="report-note" name="note" rows={4} maxLength={1000} aria-invalid={errors.note ? 'true' : undefined}>
            {values.note}
          </textarea>
        </p>
        <p>
          <button type="submit">{t('moderation.reportPage.submit')}</button> <a href={back}>{t('moderation.reportPage.back')}</a>
        </p>
      </form>
    </Layout>
  );
}
