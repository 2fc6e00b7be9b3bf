import fs from 'node:fs/promises';
import type { AppContext } from '../../context.js';
import { type Actor, can } from '../accounts/policy.js';
import { MediaError } from './errors.js';
import { uploadDir } from './storage.js';

/**
 * Remove an upload and its files (policy `media.delete`: editors and above, authors their own).
 * Articles that still show it then show a broken image: the screen says so before deleting.
 */
export async function deleteMedia(ctx: AppContext, input: { actor: Actor; mediaId: number }): Promise<void> {
  const { t } = ctx.site.i18n;
  await ctx.database.transaction(async (tx) => {
    const row = await tx.db.selectFrom('media').select(['id', 'created_by']).where('id', '=', input.mediaId).executeTakeFirst();
    if (!row) throw new MediaError('media_not_found', t('admin.media.error.notFound'));
    if (!can(input.actor, 'media.delete', { uploadedBy: row.created_by })) throw new MediaError('media_forbidden', t('admin.media.error.forbidden'));
    await tx.db.deleteFrom('media').where('id', '=', row.id).execute();
    // Files go once the row is gone for good; a pending variants job then finds no row and stops.
    tx.onCommit(async () => {
      await fs.rm(uploadDir(ctx.config.dataDir, row.id), { recursive: true, force: true });
      await ctx.invalidate(['articles']);
    });
  });
}
