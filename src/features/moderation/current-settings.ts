import type { Kysely } from 'kysely';
import type { AppContext } from '../../context.js';
import type { DB } from '../../db/schema/index.js';
import { type CompiledModeration, compiledFromJson } from './compile.js';
import { getModerationSettingsJson } from './settings.js';

const perContext = new WeakMap<AppContext, Promise<CompiledModeration>>();
const listening = new WeakSet<AppContext>();

/**
 * This site's moderation settings, compiled: read once, and again after any instance saves
 * settings (the `settings.changed` bus event, which every instance hears). Inside a transaction,
 * pass its `db`: SQLite has one connection, which the transaction holds.
 */
export function currentModeration(ctx: AppContext, db: Kysely<DB> = ctx.database.db): Promise<CompiledModeration> {
  if (!listening.has(ctx)) {
    listening.add(ctx);
    ctx.bus.subscribe((event) => {
      if (event.type === 'settings.changed') perContext.delete(ctx);
    });
  }
  let pending = perContext.get(ctx);
  if (!pending) {
    pending = getModerationSettingsJson(db).then(compiledFromJson);
    perContext.set(ctx, pending);
    pending.catch(() => perContext.delete(ctx));
  }
  return pending;
}
