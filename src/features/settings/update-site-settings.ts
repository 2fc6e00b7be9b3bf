import type { AppContext } from '../../context.js';
import { iso } from '../../shared/clock.js';
import { currencyDigits, parseMajor, toMajor } from '../../shared/money.js';
import { type Actor, can } from '../accounts/policy.js';
import { getCurrentCampaign } from '../funding/queries.js';
import { contrastRatio, MIN_CONTRAST, normaliseHex } from './colour.js';
import { SettingsError } from './errors.js';
import { type SiteSettings, saveSiteSettings } from './site-settings.js';

/** The Settings screen's fields, as typed. */
export interface SettingsInput {
  siteName: string;
  description: string;
  /** A URL (https://…) or a local path (/media/…); empty for none. */
  logoUrl: string;
  accentColor: string;
  locale: string;
  timeZone: string;
  commentGuestsAllowed: boolean;
  commentEditWindowMinutes: string;
  commentMaxDepth: string;
  commentsAutoCloseDays: string;
  fundingBarPlacement: string;
  /**
   * The donation form, in major units of the campaign's currency ("2.50"); presets as a list
   * ("10, 25, 50"). Left out (undefined): unchanged.
   */
  donationMin?: string;
  donationMax?: string;
  donationPresets?: string;
  fundingOfflineInstructions?: string;
}

/** Most preset amounts the donation page offers (site-settings.ts checks the same). */
export const MAX_PRESETS = 8;
export const OFFLINE_INSTRUCTIONS_MAX = 2000;

/** The currency the donation amounts are typed in: the running campaign's, or USD before there is one. */
export async function donationCurrency(ctx: AppContext): Promise<string> {
  return (await getCurrentCampaign(ctx.database.db, iso(ctx.clock.now())))?.currency ?? 'USD';
}

/** Minor units as a person types them back: "10", "2.50". */
export function majorText(minor: number, currency: string): string {
  const major = toMajor(minor, currency);
  return Number.isInteger(major) ? String(major) : major.toFixed(currencyDigits(currency));
}

/** Check the donation form's settings; field errors go into `fields`. */
function donationChanges(ctx: AppContext, s: SettingsInput, currency: string, fields: Record<string, string>): Partial<SiteSettings> {
  const { t, number } = ctx.site.i18n;
  const current = ctx.site.settings;
  const changes: Partial<SiteSettings> = {};
  const amount = (value: string | undefined, fallback: number, field: 'donationMin' | 'donationMax', error: 'admin.settings.error.donationMin' | 'admin.settings.error.donationMax') => {
    if (value === undefined) return fallback;
    const minor = parseMajor(value, currency);
    if (minor === null || minor <= 0) {
      fields[field] = t(error);
      return null;
    }
    return minor;
  };
  const min = amount(s.donationMin, current.donationMinMinor, 'donationMin', 'admin.settings.error.donationMin');
  const max = amount(s.donationMax, current.donationMaxMinor, 'donationMax', 'admin.settings.error.donationMax');
  const show = (minor: number) => number(toMajor(minor, currency));
  if (min !== null && max !== null && min >= max) fields.donationMax = t('admin.settings.error.donationOrder', { min: show(min) });
  let presets = current.donationPresetsMinor;
  if (s.donationPresets !== undefined) {
    const parts = s.donationPresets.split(/[,;\s]+/).filter(Boolean);
    const parsed = parts.map((p) => parseMajor(p, currency));
    if (parsed.some((v) => v === null || v <= 0)) fields.donationPresets = t('admin.settings.error.presetsFormat');
    else if (new Set(parsed).size > MAX_PRESETS) fields.donationPresets = t('admin.settings.error.presetsCount', { max: MAX_PRESETS });
    else presets = [...new Set(parsed as number[])].sort((a, b) => a - b);
  }
  if (!fields.donationPresets && min !== null && max !== null && min < max) {
    const outside = presets.filter((p) => p < min || p > max);
    if (outside.length) fields.donationPresets = t('admin.settings.error.presetsRange', { min: show(min), max: show(max), amounts: new Intl.ListFormat(ctx.site.i18n.locale, { type: 'conjunction' }).format(outside.map(show)), count: outside.length });
  }
  if (s.fundingOfflineInstructions !== undefined) {
    const text = s.fundingOfflineInstructions.replace(/\r\n?/g, '\n').trim();
    if (text.length > OFFLINE_INSTRUCTIONS_MAX) fields.fundingOfflineInstructions = t('admin.settings.error.offlineTooLong', { max: number(OFFLINE_INSTRUCTIONS_MAX) });
    else changes.fundingOfflineInstructions = text;
  }
  if (min !== null) changes.donationMinMinor = min;
  if (max !== null) changes.donationMaxMinor = max;
  changes.donationPresetsMinor = presets;
  return changes;
}

export type SettingsWarning = 'contrast';

/** A BCP 47 tag Intl knows, in its canonical spelling ("en-gb" → "en-GB"), or null. */
export function canonicalLocale(value: string): string | null {
  try {
    const [tag] = Intl.getCanonicalLocales(value.trim());
    return tag && Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0 ? tag : null;
  } catch {
    return null;
  }
}

/** An IANA time zone Intl knows, in its canonical spelling ("europe/paris" → "Europe/Paris"), or null. */
export function canonicalTimeZone(value: string): string | null {
  const zone = value.trim();
  if (!zone || zone.length > 64) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Warnings about settings that are valid but unwise (white text on a light accent). */
export function settingsWarnings(settings: Pick<SiteSettings, 'accentColor'>): SettingsWarning[] {
  const hex = normaliseHex(settings.accentColor);
  return hex && contrastRatio(hex, '#ffffff') < MIN_CONTRAST ? ['contrast'] : [];
}

function logoProblem(url: string): boolean {
  if (url.length > 500 || /\s/.test(url)) return true;
  if (url.startsWith('/')) return url.startsWith('//') || url.startsWith('/\\');
  try {
    const parsed = new URL(url);
    return parsed.protocol !== 'https:' && parsed.protocol !== 'http:';
  } catch {
    return true;
  }
}

function wholeNumber(value: string, min: number, max: number): number | null {
  const v = value.trim();
  if (!/^\d{1,9}$/.test(v)) return null;
  const n = Number(v);
  return n >= min && n <= max ? n : null;
}

/**
 * Save the site's settings (policy `settings.manage`). After the commit this instance reloads them
 * and drops every cached page at once, and a `settings.changed` bus event makes every other
 * instance do the same (context.ts), so no page keeps the old name or colour.
 */
export async function updateSiteSettings(ctx: AppContext, input: { actor: Actor; settings: SettingsInput }): Promise<{ warnings: SettingsWarning[] }> {
  const { t, number } = ctx.site.i18n;
  const range = (min: number, max: number) => t('admin.settings.error.range', { min: number(min), max: number(max) });
  if (!can(input.actor, 'settings.manage')) throw new SettingsError('settings_forbidden', t('admin.settings.error.forbidden'));
  const s = input.settings;
  const fields: Record<string, string> = {};
  const siteName = s.siteName.trim();
  if (!siteName) fields.siteName = t('admin.settings.error.nameRequired');
  else if (siteName.length > 120) fields.siteName = t('admin.settings.error.nameTooLong');
  const description = s.description.trim();
  if (description.length > 500) fields.description = t('admin.settings.error.descriptionTooLong');
  const logo = s.logoUrl.trim();
  if (logo && logoProblem(logo)) fields.logoUrl = t('admin.settings.error.logo');
  const accent = normaliseHex(s.accentColor);
  if (!accent) fields.accentColor = t('admin.settings.error.accent');
  const locale = canonicalLocale(s.locale);
  if (!locale) fields.locale = t('admin.settings.error.locale');
  const timeZone = canonicalTimeZone(s.timeZone);
  if (!timeZone) fields.timeZone = t('admin.settings.error.timeZone');
  const editWindow = wholeNumber(s.commentEditWindowMinutes, 0, 10_080);
  if (editWindow === null) fields.commentEditWindowMinutes = range(0, 10_080);
  const maxDepth = wholeNumber(s.commentMaxDepth, 1, 20);
  if (maxDepth === null) fields.commentMaxDepth = range(1, 20);
  const autoClose = wholeNumber(s.commentsAutoCloseDays, 0, 36_500);
  if (autoClose === null) fields.commentsAutoCloseDays = range(0, 36_500);
  const placement = s.fundingBarPlacement;
  if (placement !== 'header' && placement !== 'article' && placement !== 'off') fields.fundingBarPlacement = t('admin.settings.error.placement');
  const donation = donationChanges(ctx, s, await donationCurrency(ctx), fields);
  if (Object.keys(fields).length) throw new SettingsError('settings_invalid', t('admin.form.problems'), fields);

  const changes: Partial<SiteSettings> = {
    siteName,
    description,
    logoUrl: logo || null,
    accentColor: accent ?? undefined,
    locale: locale ?? undefined,
    timeZone: timeZone ?? undefined,
    commentGuestsAllowed: s.commentGuestsAllowed,
    commentEditWindowMinutes: editWindow ?? undefined,
    commentMaxDepth: maxDepth ?? undefined,
    commentsAutoCloseDays: autoClose ?? undefined,
    fundingBarPlacement: placement as SiteSettings['fundingBarPlacement'],
    ...donation,
  };
  await ctx.database.transaction(async (tx) => {
    await saveSiteSettings(tx.db, changes);
    tx.onCommit(async () => {
      await ctx.reloadSettings();
      ctx.cache.clear();
      await ctx.bus.publish({ type: 'settings.changed' });
    });
  });
  return { warnings: settingsWarnings({ accentColor: accent ?? '' }) };
}
