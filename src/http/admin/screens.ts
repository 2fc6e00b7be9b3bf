import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { can, type RouteAction } from '../../features/accounts/policy.js';
import type { MessageKey } from '../../i18n/index.js';
import type { AdminLayoutProps, AdminNavItem } from '../../views/admin/layout.js';
import { siteView } from '../site-view.js';

/** A screen of /admin, as the navigation lists it. */
export interface AdminScreen {
  href: string;
  label: MessageKey;
  /** The policy action its route guard checks; the link shows only to accounts allowed it. */
  action: RouteAction;
}

/**
 * The navigation: ONLY screens that exist. A feature that adds a screen adds its route (with
 * `config: { auth: <action> }`) and one line here, in this order: Dashboard, Articles, Media,
 * Comments (moderation), Campaigns, Users, Notifications, Settings. See docs/accounts-and-admin.md.
 */
export const adminScreens: AdminScreen[] = [
  { href: '/admin', label: 'admin.nav.dashboard', action: 'admin.enter' },
  { href: '/admin/articles', label: 'admin.nav.articles', action: 'article.list' },
  { href: '/admin/media', label: 'admin.nav.media', action: 'media.upload' },
  { href: '/admin/moderation', label: 'admin.nav.moderation', action: 'comment.moderate' },
  { href: '/admin/campaigns', label: 'admin.nav.campaigns', action: 'campaign.manage' },
  { href: '/admin/users', label: 'admin.nav.users', action: 'user.list' },
  { href: '/admin/notifications', label: 'admin.nav.notifications', action: 'settings.manage' },
  { href: '/admin/settings', label: 'admin.nav.settings', action: 'settings.manage' },
];

/** The current screen: the longest href that prefixes the path ("/admin/articles/7" → Articles). */
function currentHref(path: string): string | null {
  const matches = adminScreens.filter((s) => path === s.href || path.startsWith(`${s.href}/`));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}

/** Everything AdminLayout needs but the title and the content, for this request's account. */
export async function adminShell(ctx: AppContext, request: FastifyRequest): Promise<Omit<AdminLayoutProps, 'title' | 'children'>> {
  const user = request.user;
  if (!user) throw new Error('adminShell needs a signed-in request (guard the route with config.auth)');
  const { t } = ctx.site.i18n;
  const path = request.url.split('?')[0] ?? '/admin';
  const current = currentHref(path);
  const nav: AdminNavItem[] = adminScreens.filter((s) => can(user, s.action)).map((s) => ({ href: s.href, label: t(s.label), current: s.href === current }));
  return {
    site: await siteView(ctx, request),
    nav,
    user: { name: user.name, roleLabel: t(`accounts.role.${user.role}`) },
    csrfToken: request.csrfToken,
  };
}
