import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { listMedia } from '../../features/media/queries.js';
import { contrastRatio, normaliseHex } from '../../features/settings/colour.js';
import { SettingsError } from '../../features/settings/errors.js';
import { donationCurrency, majorText, settingsWarnings, updateSiteSettings } from '../../features/settings/update-site-settings.js';
import { type SettingsValues, SettingsPage } from '../../views/admin/settings.js';
import { renderDocument } from '../../views/render.js';
import { sendHtml } from '../account-pages.js';
import { actorOf, adminWriteLimit, formBody, seeOther, text } from '../admin/forms.js';
import { adminShell } from '../admin/screens.js';

const SettingsBody = Type.Object({
  _csrf: text(200),
  siteName: text(1000),
  description: text(5000),
  logoUrl: text(1000),
  logoPick: text(1000),
  accentColor: text(100),
  locale: text(100),
  timeZone: text(100),
  commentGuestsAllowed: text(5),
  commentEditWindowMinutes: text(20),
  commentMaxDepth: text(20),
  commentsAutoCloseDays: text(20),
  fundingBarPlacement: text(20),
  donationMin: text(200),
  donationMax: text(200),
  donationPresets: text(500),
  fundingOfflineInstructions: text(5000),
});
const Query = Type.Object({ saved: Type.Optional(Type.String({ maxLength: 1 })) });

/** Languages offered in the locale field's suggestions (any tag Intl knows is accepted). */
const commonLocales = ['en-US', 'en-GB', 'fr-FR', 'de-DE', 'es-ES', 'it-IT', 'pt-BR', 'nl-NL', 'pl-PL', 'uk-UA', 'ru-RU', 'tr-TR', 'ar', 'he-IL', 'ja-JP', 'zh-CN'];

function timeZones(): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

/** /admin/settings (owner and admins): saving reloads the settings on every instance. */
export function adminSettingsRoutes(app: FastifyInstance, ctx: AppContext): void {
  const limit = adminWriteLimit(app, ctx, 'settings', 120);
  const t: AppContext['site']['i18n']['t'] = (key, params) => ctx.site.i18n.t(key, params);

  async function screen(request: FastifyRequest, reply: FastifyReply, options: { values?: SettingsValues; errors?: Record<string, string>; message?: string | null; notice?: string | null; status?: number }) {
    const s = ctx.site.settings;
    const currency = await donationCurrency(ctx);
    const values: SettingsValues = options.values ?? {
      siteName: s.siteName,
      description: s.description,
      logoUrl: s.logoUrl ?? '',
      accentColor: s.accentColor,
      locale: s.locale,
      timeZone: s.timeZone,
      commentGuestsAllowed: s.commentGuestsAllowed,
      commentEditWindowMinutes: String(s.commentEditWindowMinutes),
      commentMaxDepth: String(s.commentMaxDepth),
      commentsAutoCloseDays: String(s.commentsAutoCloseDays),
      fundingBarPlacement: s.fundingBarPlacement,
      donationMin: majorText(s.donationMinMinor, currency),
      donationMax: majorText(s.donationMaxMinor, currency),
      donationPresets: s.donationPresetsMinor.map((p) => majorText(p, currency)).join(', '),
      fundingOfflineInstructions: s.fundingOfflineInstructions,
    };
    const hex = normaliseHex(values.accentColor);
    const contrastWarning =
      hex && settingsWarnings({ accentColor: hex }).includes('contrast') ? t('admin.settings.contrastWarning', { ratio: contrastRatio(hex, '#ffffff').toFixed(2) }) : null;
    const [shell, media] = await Promise.all([adminShell(ctx, request), listMedia(ctx.database.db, { limit: 100, offset: 0 })]);
    const view = SettingsPage({
      shell,
      values,
      errors: options.errors ?? {},
      message: options.message,
      notice: options.notice,
      contrastWarning,
      timeZones: timeZones(),
      locales: commonLocales,
      media: media.items,
      donationCurrency: currency,
    });
    return sendHtml(reply, options.status ?? 200, renderDocument(view));
  }

  app.get('/admin/settings', { config: { auth: 'settings.manage' }, schema: { querystring: Query } }, async (request, reply) => {
    const q = request.query as Static<typeof Query>;
    return screen(request, reply, { notice: q.saved ? t('admin.settings.saved') : null });
  });

  app.post('/admin/settings', { config: { auth: 'settings.manage' } }, async (request, reply) => {
    await limit(request, reply);
    const b = formBody(SettingsBody, request.body, ctx);
    const values: SettingsValues = {
      siteName: b.siteName ?? '',
      description: b.description ?? '',
      logoUrl: b.logoPick || b.logoUrl || '',
      accentColor: b.accentColor ?? '',
      locale: b.locale ?? '',
      timeZone: b.timeZone ?? '',
      commentGuestsAllowed: b.commentGuestsAllowed === '1' || b.commentGuestsAllowed === 'on',
      commentEditWindowMinutes: b.commentEditWindowMinutes ?? '',
      commentMaxDepth: b.commentMaxDepth ?? '',
      commentsAutoCloseDays: b.commentsAutoCloseDays ?? '',
      fundingBarPlacement: b.fundingBarPlacement ?? '',
      // Left out of the form (an older page): unchanged; blank: refused, except the instructions.
      donationMin: b.donationMin,
      donationMax: b.donationMax,
      donationPresets: b.donationPresets,
      fundingOfflineInstructions: b.fundingOfflineInstructions,
    };
    try {
      await updateSiteSettings(ctx, { actor: actorOf(request), settings: values });
      return seeOther(reply, '/admin/settings?saved=1');
    } catch (error) {
      if (!(error instanceof SettingsError) || error.code !== 'settings_invalid') throw error;
      return screen(request, reply, { values, errors: error.fields, message: error.message, status: 422 });
    }
  });
}
