import type { AppContext } from '../../context.js';
import { type Actor, can } from '../accounts/policy.js';
import { MediaError } from './errors.js';

/** Change an upload's alternative text. Whoever may delete an upload may describe it. */
export async function updateMediaAlt(ctx: AppContext, input: { actor: Actor; mediaId: number; alt: string }): Promise<void> {
  const { t } = ctx.site.i18n;
  const alt = input.alt.trim();
  if (alt.length > 1000) throw new MediaError('media_invalid', t('admin.media.error.altTooLong'), { alt: t('admin.media.error.altTooLong') });
  await ctx.database.transaction(async (tx) => {
    const row = await tx.db.selectFrom('media').select(['id', 'created_by']).where('id', '=', input.mediaId).executeTakeFirst();
    if (!row) throw new MediaError('media_not_found', t('admin.media.error.notFound'));
    if (!can(input.actor, 'media.delete', { uploadedBy: row.created_by })) throw new MediaError('media_forbidden', t('admin.media.error.forbidden'));
    await tx.db.updateTable('media').set({ alt }).where('id', '=', row.id).execute();
  });
}
