import type { AppContext } from '../../context.js';
import { writeLog } from './audit-log.js';
import type { Moderator } from './review-comments.js';
import { getModerationSettingsJson, type ModerationSettings, parseModerationSettings, SETTINGS_KEY } from './settings.js';

/**
 * Save the moderation settings (checked and brought into range by parseModerationSettings), log
 * the change, and tell every instance: the `settings.changed` event makes each drop its compiled
 * word lists, which are compiled again, once, for the next comment.
 */
export async function saveModerationSettings(ctx: AppContext, input: { actor: Moderator | null; settings: unknown }): Promise<ModerationSettings> {
  const settings = parseModerationSettings(input.settings);
  const value = JSON.stringify(settings);
  const now = ctx.clock.now();
  await ctx.database.transaction(async (tx) => {
    const before = await getModerationSettingsJson(tx.db);
    await tx.db
      .insertInto('settings')
      .values({ key: SETTINGS_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
    if (before !== value) await writeLog(tx, now, { actor: input.actor, action: 'settings', detail: { changed: changedParts(before, settings) } });
    tx.onCommit(() => ctx.bus.publish({ type: 'settings.changed' }));
  });
  return settings;
}

/** Which rules' settings changed, by name (word lists are too long to log whole). */
function changedParts(before: string | null, after: ModerationSettings): string[] {
  let old: Record<string, unknown> = {};
  try {
    old = before ? (JSON.parse(before) as Record<string, unknown>) : {};
  } catch {
    old = {};
  }
  const previous = parseModerationSettings(old) as unknown as Record<string, unknown>;
  return Object.entries(after)
    .filter(([key, value]) => JSON.stringify(previous[key]) !== JSON.stringify(value))
    .map(([key]) => key);
}
