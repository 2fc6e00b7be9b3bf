import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema/index.js';

/** Site-wide settings an admin can change. Stored as JSON values in `settings`, one row per key. */
export interface SiteSettings {
  siteName: string;
  description: string;
  locale: string;
  timeZone: string;
  accentColor: string;
  logoUrl: string | null;
  articlesPerPage: number;
  /** Minutes after posting during which an author may edit a comment. */
  commentEditWindowMinutes: number;
  /** Levels of nesting in a thread (1 = flat); a reply past the last level attaches at it. */
  commentMaxDepth: number;
  /** Close an article's discussion this many days after publication; 0 = never. */
  commentsAutoCloseDays: number;
  /** Top-level threads per page of discussion. */
  commentsPerPage: number;
  /** Readers without an account may comment (as guests); when false, only signed-in readers can. */
  commentGuestsAllowed: boolean;
  /** Where the funding bar shows: in the header of every page, after each article, or nowhere. */
  fundingBarPlacement: 'header' | 'article' | 'off';
  /** Smallest and largest gift accepted by the donation form, in the campaign's minor units. */
  donationMinMinor: number;
  donationMaxMinor: number;
  /** The preset amounts offered on the donation page, in minor units. */
  donationPresetsMinor: number[];
  /** How to give without a card (bank transfer details), shown on the donation page. */
  fundingOfflineInstructions: string;
}

export const defaultSettings: SiteSettings = {
  siteName: 'Outpost',
  description: 'Independent reporting.',
  locale: 'en-US',
  timeZone: 'UTC',
  accentColor: '#b3261e',
  logoUrl: null,
  articlesPerPage: 10,
  commentEditWindowMinutes: 15,
  commentMaxDepth: 5,
  commentsAutoCloseDays: 0,
  commentsPerPage: 20,
  commentGuestsAllowed: true,
  fundingBarPlacement: 'header',
  donationMinMinor: 100,
  donationMaxMinor: 1_000_000,
  donationPresetsMinor: [1000, 2500, 5000, 10000],
  fundingOfflineInstructions: '',
};

/** Values whose shape `typeof` cannot check. */
const shapeChecks: Partial<Record<keyof SiteSettings, (value: unknown) => boolean>> = {
  logoUrl: (value) => value === null || typeof value === 'string',
  fundingBarPlacement: (value) => value === 'header' || value === 'article' || value === 'off',
  donationPresetsMinor: (value) => Array.isArray(value) && value.length <= 8 && value.every((v) => Number.isInteger(v) && v > 0),
};

export async function getSiteSettings(db: Kysely<DB>): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored: Record<string, unknown> = {};
  for (const row of rows) {
    try {
      stored[row.key] = JSON.parse(row.value);
    } catch {
      // A hand-edited, unreadable value falls back to its default.
    }
  }
  const merged = { ...defaultSettings };
  for (const key of Object.keys(defaultSettings) as Array<keyof SiteSettings>) {
    const value = stored[key];
    const check = shapeChecks[key];
    const fits = check ? check(value) : typeof value === typeof defaultSettings[key];
    if (key in stored && fits) {
      (merged as Record<string, unknown>)[key] = stored[key];
    }
  }
  return merged;
}

export async function saveSiteSettings(db: Kysely<DB>, changes: Partial<SiteSettings>): Promise<void> {
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
      .execute();
  }
}
