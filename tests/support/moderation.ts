import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { AppContext } from '../../src/context.js';
import type { Role } from '../../src/db/schema/index.js';
import { currentModeration } from '../../src/features/moderation/current-settings.js';
import { saveModerationSettings } from '../../src/features/moderation/save-moderation-settings.js';
import type { ModerationSettings } from '../../src/features/moderation/settings.js';
import { csrfFor, getPage, makeUser, postForm, signIn } from './accounts.js';

type Changes = { [K in keyof ModerationSettings]?: Partial<ModerationSettings[K]> | ModerationSettings[K] };

/** Change some moderation settings, keeping the rest (as an admin saving the settings page would). */
export async function setModeration(ctx: AppContext, changes: Changes): Promise<void> {
  const current = (await currentModeration(ctx)).settings as unknown as Record<string, unknown>;
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    next[key] = Array.isArray(value) || typeof value !== 'object' ? value : { ...(current[key] as object), ...value };
  }
  await saveModerationSettings(ctx, { actor: null, settings: next });
}

/** A signed-in staff member working the moderation screens through their forms. */
export class Staff {
  private constructor(
    private readonly app: FastifyInstance,
    readonly cookie: string,
    readonly csrf: string,
    readonly id: number,
    readonly name: string,
  ) {}

  static async signIn(app: FastifyInstance, ctx: AppContext, role: Role = 'moderator', name?: string): Promise<Staff> {
    const user = await makeUser(ctx, role, { name: name ?? `Mod ${role}` });
    const cookie = await signIn(app, user.email);
    return new Staff(app, cookie, await csrfFor(app, cookie), user.id, user.name);
  }

  get(url: string): Promise<LightMyRequestResponse> {
    return getPage(this.app, url, this.cookie);
  }

  post(url: string, form: Record<string, string> = {}, extra: Array<[string, string]> = []): Promise<LightMyRequestResponse> {
    const params = new URLSearchParams({ _csrf: this.csrf, ...form });
    for (const [k, v] of extra) params.append(k, v);
    return this.app.inject({
      method: 'POST',
      url,
      remoteAddress: '127.0.0.1',
      headers: { origin: 'http://outpost.test', 'content-type': 'application/x-www-form-urlencoded', cookie: `outpost_session=${this.cookie}` },
      payload: params.toString(),
    });
  }

  /** One comment: approve, reject, spam, delete, grant or deny (an appeal). */
  decide(action: string, commentId: number, form: Record<string, string> = {}) {
    return this.post('/admin/moderation', { single: `${action}:${commentId}`, ...form });
  }

  /** Many comments, with the bulk action select. */
  bulk(action: string, ids: number[], form: Record<string, string> = {}) {
    return this.post(
      '/admin/moderation',
      { bulk_action: action, apply: '1', ...form },
      ids.map((id) => ['ids', String(id)]),
    );
  }
}

export { postForm };
