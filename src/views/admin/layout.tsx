import type { ComponentChildren } from 'preact';
import { SignOutForm } from '../account-nav.js';
import type { SiteView } from '../site.js';

export interface AdminNavItem {
  href: string;
  label: string;
  current: boolean;
}

export interface AdminLayoutProps {
  site: SiteView;
  title: string;
  /** Only the screens that exist and that this account may open (see http/admin/screens.ts). */
  nav: AdminNavItem[];
  user: { name: string; roleLabel: string };
  csrfToken: string | null;
  /** Progressive-enhancement scripts of this screen, by source name ('admin-editor.js'). */
  scripts?: string[];
  children: ComponentChildren;
}

/** The admin shell: a bar with the site and the account, the navigation, and the screen. */
export function AdminLayout(props: AdminLayoutProps) {
  const { site } = props;
  const { t } = site.i18n;
  return (
    <html lang={site.i18n.locale} dir={site.i18n.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${props.title} · ${t('admin.title')} · ${site.name}`}</title>
        <meta name="color-scheme" content="light dark" />
        <link rel="stylesheet" href={site.assets['site.css']} />
        {site.assets['admin.css'] && <link rel="stylesheet" href={site.assets['admin.css']} />}
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        <style>{`:root{--accent:${/^#[0-9a-fA-F]{3,8}$/.test(site.accentColor) ? site.accentColor : '#b3261e'}}`}</style>
        {(props.scripts ?? []).map((s) => site.assets[s] && <script type="module" src={site.assets[s]} />)}
      </head>
      <body class="admin">
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="admin-bar">
          <a class="brand" href="/admin">
            <span>{site.name}</span> <span class="admin-bar-label">{t('admin.title')}</span>
          </a>
          <div class="admin-bar-account">
            <a href="/">{t('admin.viewSite')}</a>
            <a href="/account">
              {props.user.name} <span class="muted">({props.user.roleLabel})</span>
            </a>
            <SignOutForm site={site} csrfToken={props.csrfToken} />
          </div>
        </header>
        <div class="admin-shell">
          <nav class="admin-nav" aria-label={t('admin.nav')}>
            <ul>
              {props.nav.map((item) => (
                <li>
                  <a href={item.href} aria-current={item.current ? 'page' : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <main id="main" class="admin-main" tabIndex={-1}>
            {props.children}
          </main>
        </div>
      </body>
    </html>
  );
}
