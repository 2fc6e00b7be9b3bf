import type { ComponentChildren } from 'preact';
import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export interface NoticeProps {
  site: SiteView;
  title: string;
  message: string;
  /** A way on: "Request a new link", "Back to the home page". */
  link?: { href: string; label: string };
  children?: ComponentChildren;
}

/** A short page that says one thing: "Check your email", "This link has expired", "Not allowed". */
export function NoticePage({ site, title, message, link, children }: NoticeProps) {
  return (
    <Layout site={site} title={title} noindex>
      <div class="auth">
        <h1>{title}</h1>
        <p class="lead">{message}</p>
        {link && (
          <p>
            <a href={link.href}>{link.label}</a>
          </p>
        )}
        {children}
      </div>
    </Layout>
  );
}
