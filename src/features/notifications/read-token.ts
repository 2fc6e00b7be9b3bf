import type { AppContext } from '../../context.js';
import { NotificationError } from './errors.js';
import { type NotifyToken, readNotifyToken } from './tokens.js';

/** A token of the wanted kind, or the coded error that explains, in words, why the link does not work. */
export function requireToken<K extends NotifyToken['kind']>(ctx: AppContext, token: string, kind: K): Extract<NotifyToken, { kind: K }> {
  const { t } = ctx.site.i18n;
  const reading = readNotifyToken(ctx.secret, token, ctx.clock.now());
  if ('problem' in reading) {
    if (reading.problem === 'expired') {
      throw new NotificationError('notify_token_expired', t(kind === 'confirm' ? 'notifications.token.confirmExpired' : 'notifications.token.manageExpired'));
    }
    throw new NotificationError('notify_token_invalid', t('notifications.token.invalid'));
  }
  if (reading.kind !== kind) throw new NotificationError('notify_token_invalid', t('notifications.token.invalid'));
  return reading as Extract<NotifyToken, { kind: K }>;
}
