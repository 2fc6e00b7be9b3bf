import { Layout } from '../layout.js';
import { rawHtml, trustSanitized } from '../render.js';
import type { SiteView } from '../site.js';
import { ModerationNotice, type ModerationNoticeView } from './moderation-notice.js';

export interface AppealPageProps {
  site: SiteView;
  comment: { id: number; bodyHtml: string };
  notice: ModerationNoticeView;
  back: string;
  body: string;
  error: string | null;
}

/** The author of a rejected or removed comment asks a moderator to look again. Personal, never cached. */
export function AppealPage({ site, comment, notice, back, body, error }: AppealPageProps) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('moderation.appealPage.title')} noindex>
      <header class="page-header">
        <h1>{t('moderation.appealPage.title')}</h1>
        <p class="lead">{t('moderation.appealPage.lead')}</p>
      </header>
      <section class="appeal-decision" aria-labelledby="appeal-decision-heading">
        <h2 id="appeal-decision-heading">{t('moderation.appealPage.decision')}</h2>
        <blockquote class="comment-body" dir="auto" {...rawHtml(trustSanitized(comment.bodyHtml))} />
        <ModerationNotice site={site} notice={{ ...notice, appealHref: null }} />
      </section>
      <form class="comment-form" method="post" action={`/comments/${comment.id}/appeal`}>
        {error && (
          <div class="form-problems" role="alert">
            <p>{error}</p>
          </div>
        )}
        <p class="field">
          <label for="appeal-body">{t('moderation.appealPage.body')}</label>
          <textarea id="appeal-body" name="body" rows={6} maxLength={2000} required aria-invalid={error ? 'true' : undefined}>
            {body}
          </textarea>
        </p>
        <p>
          <button type="submit">{t('moderation.appealPage.submit')}</button> <a href={back}>{t('moderation.reportPage.back')}</a>
        </p>
      </form>
    </Layout>
  );
}
