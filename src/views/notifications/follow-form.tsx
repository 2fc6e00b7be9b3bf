import { Field, FormMessage } from '../form-fields.js';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export interface FollowFormView {
  email: string;
  delivery: 'immediate' | 'digest';
  error?: string;
  message?: string | null;
}

/**
 * "Follow this discussion", for readers who do not comment: an email field for guests, one click
 * for a signed-in reader (whose page is never the shared cached one).
 */
export function FollowForm({ site, slug, form, headingLevel = 3 }: { site: SiteView; slug: string; form?: FollowFormView; headingLevel?: 1 | 3 }) {
  const { t } = site.i18n;
  const Heading = headingLevel === 1 ? 'h1' : 'h3';
  const delivery = form?.delivery ?? 'immediate';
  return (
    <form id="follow-form" class="discussion-follow" method="post" action={`/articles/${slug}/follow`} aria-labelledby="follow-heading">
      <Heading id="follow-heading">{t('notifications.follow.heading')}</Heading>
      <p>
        {t('notifications.follow.lead')} {site.viewer && t('notifications.follow.signedIn')}
      </p>
      <FormMessage message={form?.message} />
      {!site.viewer && (
        <Field
          id="follow-email"
          name="email"
          type="email"
          label={t('notifications.follow.email')}
          value={form?.email ?? ''}
          autocomplete="email"
          required
          maxLength={254}
          hint={t('notifications.follow.emailHint')}
          error={form?.error}
        />
      )}
      <fieldset class="follow-delivery">
        <legend>{t('notifications.follow.delivery')}</legend>
        <label class="check">
          <input type="radio" name="delivery" value="immediate" checked={delivery === 'immediate'} /> {t('notifications.follow.immediate')}
        </label>
        <label class="check">
          <input type="radio" name="delivery" value="digest" checked={delivery === 'digest'} /> {t('notifications.follow.digest')}
        </label>
      </fieldset>
      <p>
        <button type="submit">{t('notifications.follow.button')}</button>
      </p>
    </form>
  );
}

/** The follow form on a page of its own: where a refused follow comes back with its error. */
export function FollowPage({ site, article, form }: { site: SiteView; article: { title: string; slug: string }; form?: FollowFormView }) {
  return (
    <Layout site={site} title={site.i18n.t('notifications.follow.heading')} noindex>
      <div class="auth">
        <p>
          <a href={`/articles/${article.slug}`}>{article.title}</a>
        </p>
        <FollowForm site={site} slug={article.slug} form={form} headingLevel={1} />
      </div>
    </Layout>
  );
}
