import type { SiteView } from '../site.js';
import type { PassageFormView } from './types.js';

/**
 * In the comment form: the passage the comment is about, quoted above the fields, and its
 * selectors as hidden fields. Empty and hidden for an ordinary comment; the article page's script
 * fills it when a reader chooses a passage, the no-JS pages render it filled.
 */
export function PassageFields({ site, slug, passage }: { site: SiteView; slug: string; passage: PassageFormView | null | undefined }) {
  const { t } = site.i18n;
  const p = passage ?? null;
  const value = (v: number | string | null | undefined) => (v === null || v === undefined ? '' : String(v));
  return (
    <>
      <div class="comment-form-passage" id="comment-passage" hidden={!p} data-feedback-form data-select-label={t('feedback.commentPassage')}>
        <p class="comment-form-passage-label">{t('feedback.form.quoted')}</p>
        <blockquote class="passage-quote" dir="auto" data-passage-quote>
          {p?.exact ?? ''}
        </blockquote>
        <p class="comment-form-passage-question" hidden={!p?.question} data-passage-question>
          {p?.question ? t('feedback.question', { question: p.question }) : ''}
        </p>
        <p class="comment-form-passage-cancel">
          <a href={`/articles/${slug}#comment-form`} data-passage-cancel>
            {t('feedback.form.cancel')}
          </a>
        </p>
      </div>
      <input type="hidden" name="passage_start" value={value(p?.start)} />
      <input type="hidden" name="passage_end" value={value(p?.end)} />
      <input type="hidden" name="passage_exact" value={value(p?.exact)} />
      <input type="hidden" name="passage_prefix" value={value(p?.prefix)} />
      <input type="hidden" name="passage_suffix" value={value(p?.suffix)} />
      <input type="hidden" name="passage_article" value={value(p?.articleId)} />
      <input type="hidden" name="passage_question" value={value(p?.question)} />
    </>
  );
}
