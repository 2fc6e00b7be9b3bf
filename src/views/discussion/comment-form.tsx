import { discussionHref, type DiscussionQuery } from '../../features/discussion/urls.js';
import { PassageFields } from '../feedback/passage-fields.js';
import { NotifyFieldset } from '../notifications/notify-fieldset.js';
import type { SiteView } from '../site.js';
import { Honeypot } from './honeypot.js';
import type { CommentFormView } from './types.js';

const fieldIds: Record<string, string> = { body: 'comment-body', name: 'comment-name', email: 'comment-email' };

function describedBy(...ids: Array<string | false | undefined>): string | undefined {
  const list = ids.filter((id): id is string => Boolean(id));
  return list.length ? list.join(' ') : undefined;
}

/**
 * The comment form. It works without scripts: it posts, and a refused post comes back with what
 * the reader typed and a message per field. The idempotency key is empty on the shared (cached)
 * page; scripts fill it per submission, and the server treats an identical repeat within a minute
 * as the same comment when it is empty.
 */
export function CommentForm({ site, slug, form, here }: { site: SiteView; slug: string; form: CommentFormView; here: DiscussionQuery }) {
  const { t } = site.i18n;
  const { values, errors } = form;
  const firstInvalid = ['body', 'name', 'email'].find((f) => errors[f]);
  const problems = Object.entries(errors);
  return (
    <form id="comment-form" class="comment-form" method="post" action={`/articles/${slug}/comments`} aria-labelledby="comment-form-heading">
      <h3 id="comment-form-heading">{form.replyTo ? t('discussion.form.replyHeading', { name: form.replyTo.authorName }) : t('discussion.form.heading')}</h3>
      {form.replyTo && (
        <p class="comment-form-replying">
          <a href={`#comment-${form.replyTo.id}`}>
            <bdi>{form.replyTo.authorName}</bdi>
          </a>{' '}
          · <a href={discussionHref(slug, { ...here, replyto: null }, 'comment-form')}>{t('discussion.form.cancelReply')}</a>
        </p>
      )}
      <PassageFields site={site} slug={slug} passage={form.passage} />
      {(form.message || problems.length > 0) && (
        <div class="form-problems" role="alert">
          <p>{form.message ?? t('discussion.form.problems')}</p>
          {problems.length > 0 && (
            <ul>
              {problems.map(([field, message]) => (
                <li>{fieldIds[field] ? <a href={`#${fieldIds[field]}`}>{message}</a> : message}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <input type="hidden" name="parent_id" value={form.replyTo ? String(form.replyTo.id) : ''} />
      <input type="hidden" name="idempotency_key" value={values.idempotencyKey} />
      <p class="field">
        <label for="comment-body">{t('discussion.form.body')}</label>
        <textarea
          id="comment-body"
          name="body"
          rows={6}
          required
          aria-invalid={errors.body ? 'true' : undefined}
          aria-describedby={describedBy(errors.body && 'comment-body-error', 'comment-body-hint')}
          autofocus={firstInvalid === 'body'}
        >
          {values.body}
        </textarea>
        {errors.body && (
          <span id="comment-body-error" class="field-error">
            {errors.body}
          </span>
        )}
        <span id="comment-body-hint" class="hint">
          {t('discussion.form.bodyHint')}
        </span>
      </p>
      <p class="field">
        <label for="comment-name">{t('discussion.form.name')}</label>
        <input
          id="comment-name"
          name="name"
          type="text"
          autocomplete="name"
          required
          value={values.name}
          aria-invalid={errors.name ? 'true' : undefined}
          aria-describedby={describedBy(errors.name && 'comment-name-error', 'comment-name-hint')}
          autofocus={firstInvalid === 'name'}
        />
        {errors.name && (
          <span id="comment-name-error" class="field-error">
            {errors.name}
          </span>
        )}
        <span id="comment-name-hint" class="hint">
          {t('discussion.form.nameHint')}
        </span>
      </p>
      <p class="field">
        <label for="comment-email">{t('discussion.form.email')}</label>
        <input
          id="comment-email"
          name="email"
          type="email"
          autocomplete="email"
          value={values.email}
          aria-invalid={errors.email ? 'true' : undefined}
          aria-describedby={describedBy(errors.email && 'comment-email-error', 'comment-email-hint')}
          autofocus={firstInvalid === 'email'}
        />
        {errors.email && (
          <span id="comment-email-error" class="field-error">
            {errors.email}
          </span>
        )}
        <span id="comment-email-hint" class="hint">
          {t('discussion.form.emailHint')}
        </span>
      </p>
      <NotifyFieldset site={site} notify={form.notify} />
      <Honeypot site={site} />
      <p>
        <button type="submit">{t('discussion.form.submit')}</button>
      </p>
    </form>
  );
}
