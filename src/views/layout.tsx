import type { ComponentChildren, VNode } from 'preact';
import { AccountNav } from './account-nav.js';
import { FundingBar } from './funding/funding-bar.js';
import type { FeedLink, SiteView } from './site.js';

export interface LayoutProps {
  site: SiteView;
  title: string;
  description?: string;
  /** Absolute canonical URL of this page. */
  canonical?: string;
  feeds?: FeedLink[];
  /** Extra <head> content: OpenGraph, JSON-LD. */
  head?: VNode | VNode[];
  /** Island scripts this page loads (asset source names). */
  scripts?: string[];
  noindex?: boolean;
  /** Leave the header's funding bar out (the donation page shows its own). */
  noFundingBar?: boolean;
  children: ComponentChildren;
}

export function siteFeeds(site: SiteView): FeedLink[] {
  return [
    { type: 'application/rss+xml', title: `${site.name} (RSS)`, href: `${site.url}/feed.xml` },
    { type: 'application/atom+xml', title: `${site.name} (Atom)`, href: `${site.url}/atom.xml` },
    { type: 'application/feed+json', title: `${site.name} (JSON Feed)`, href: `${site.url}/feed.json` },
  ];
}

export function Layout(props: LayoutProps) {
  const { site } = props;
  const { t } = site.i18n;
  const fullTitle = props.title === site.name ? site.name : `${props.title} · ${site.name}`;
  const feeds = [...(props.feeds ?? []), ...siteFeeds(site)];
  const headerBar = site.funding?.placement === 'header' && !props.noFundingBar ? site.funding.progress : null;
  const scripts = [...new Set([...(props.scripts ?? []), ...(headerBar ? ['funding.js'] : [])])];
  return (
    <html lang={site.i18n.locale} dir={site.i18n.dir} data-close-label={t('article.close')}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{fullTitle}</title>
        <meta name="description" content={props.description ?? site.description} />
        {props.canonical && <link rel="canonical" href={props.canonical} />}
        {props.noindex && <meta name="robots" content="noindex" />}
        <meta name="color-scheme" content="light dark" />
        <meta name="theme-color" content="#ffffff" media="(prefers-color-scheme: light)" />
        <meta name="theme-color" content="#15171a" media="(prefers-color-scheme: dark)" />
        <link rel="stylesheet" href={site.assets['site.css']} />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {feeds.map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        <link rel="search" type="application/opensearchdescription+xml" title={site.name} href="/opensearch.xml" />
        {props.head}
        <style>{`:root{--accent:${/^#[0-9a-fA-F]{3,8}$/.test(site.accentColor) ? site.accentColor : '#b3261e'}}`}</style>
        {scripts.map((s) => site.assets[s] && <script type="module" src={site.assets[s]} />)}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('site.skip')}
        </a>
        <header class="masthead">
          <div class="wrap masthead-inner">
            <a class="brand" href="/">
              {site.logoUrl && <img src={site.logoUrl} alt="" width="32" height="32" />}
              <span>{site.name}</span>
            </a>
            <form class="search-form" role="search" action="/search" method="get">
              <label class="visually-hidden" for="site-search">
                {t('site.search.label')}
              </label>
              <input id="site-search" type="search" name="q" placeholder={t('site.search.placeholder')} />
              <button type="submit">{t('site.search')}</button>
            </form>
            <AccountNav site={site} />
          </div>
          <nav class="wrap topics" aria-label={t('site.nav')}>
            <ul>
              <li>
                <a href="/">{t('site.nav.latest')}</a>
              </li>
              {site.nav.map((tag) => (
                <li>
                  <a href={`/tags/${tag.slug}`}>{tag.name}</a>
                </li>
              ))}
              <li>
                <a href="/archive">{t('site.nav.archive')}</a>
              </li>
            </ul>
          </nav>
          {headerBar && (
            <div class="wrap">
              <FundingBar site={site} progress={headerBar} variant="header" />
            </div>
          )}
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>
              <strong>{site.name}</strong> — {site.description}
            </p>
            <p>
              {t('site.footer.feeds')}: <a href="/feed.xml">RSS</a> · <a href="/atom.xml">Atom</a> · <a href="/feed.json">JSON Feed</a> ·{' '}
              <a href="/sitemap.xml">Sitemap</a>
            </p>
            <p class="muted">{t('site.footer.powered')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}
