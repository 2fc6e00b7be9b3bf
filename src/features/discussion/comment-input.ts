import type { I18n } from '../../i18n/index.js';
import { checkGuestName, imitatedStaffName, NAME_MAX } from './names.js';
import { normaliseCommentMarkdown, renderCommentMarkdown } from './render-comment.js';

export const BODY_MAX = 10_000;
const EMAIL_MAX = 254;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Characters that show nothing: a body made only of these and spaces is empty. */
const blank = /[\s\u200B-\u200F\u2060\u2800\u3164\uFFA0]/gu;

/** The stored Markdown and its HTML, or the message for the "body" field. */
export function checkCommentBody(i18n: I18n, raw: string): { markdown: string; html: string } | { error: string } {
  const markdown = normaliseCommentMarkdown(raw);
  if (markdown.replace(blank, '') === '') return { error: i18n.t('discussion.error.bodyEmpty') };
  const length = [...markdown].length;
  if (length > BODY_MAX) return { error: i18n.t('discussion.error.bodyTooLong', { max: i18n.number(BODY_MAX), length: i18n.number(length) }) };
  const html = renderCommentMarkdown(markdown);
  if (!html) return { error: i18n.t('discussion.error.bodyEmpty') };
  return { markdown, html };
}

/** A guest's name and email as stored, with a message per field that is wrong. */
export function checkGuestFields(
  i18n: I18n,
  input: { name?: string; email?: string },
  staffNames: readonly string[],
): { name: string; email: string | null; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  let name = '';
  const checked = checkGuestName(input.name ?? '');
  if ('problem' in checked) {
    const key = {
      missing: 'discussion.error.nameMissing',
      tooLong: 'discussion.error.nameTooLong',
      invisible: 'discussion.error.nameInvisible',
      control: 'discussion.error.nameControl',
    } as const;
    fields.name = i18n.t(key[checked.problem], { max: NAME_MAX });
  } else {
    name = checked.name;
    if (imitatedStaffName(name, staffNames)) fields.name = i18n.t('discussion.error.nameStaff', { name });
  }
  const email = (input.email ?? '').trim().toLowerCase();
  if (email && (email.length > EMAIL_MAX || !emailPattern.test(email))) fields.email = i18n.t('discussion.error.emailInvalid');
  return { name, email: email || null, fields };
}

/** A client's idempotency key: empty means none; anything else must be a short token. */
export function checkIdempotencyKey(i18n: I18n, raw: string | undefined): { key: string | null } | { error: string } {
  const key = (raw ?? '').trim();
  if (!key) return { key: null };
  return /^[A-Za-z0-9._:-]{8,100}$/.test(key) ? { key } : { error: i18n.t('discussion.error.badKey') };
}
