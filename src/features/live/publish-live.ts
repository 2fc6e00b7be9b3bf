import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';

const instance = randomBytes(4).toString('hex');
let sequence = 0;

/**
 * Send a live event to every reader subscribed to `topic`, on every instance. Call it from
 * `tx.onCommit` so readers never hear of a write that rolled back.
 */
export async function publishLive(ctx: AppContext, topic: string, event: string, data: unknown): Promise<void> {
  const id = `${Date.now().toString(36)}-${instance}-${(sequence++).toString(36)}`;
  await ctx.bus.publish({ type: 'live', id, topic, event, data });
}
