import { Layout } from '../layout.js';
import type { SiteView } from '../site.js';

export interface ArchiveYear {
  year: number;
  months: Array<{ month: number; count: number }>;
}

export function ArchivePage({ site, years }: { site: SiteView; years: ArchiveYear[] }) {
  const { t } = site.i18n;
  return (
    <Layout site={site} title={t('archive.title')} canonical={`${site.url}/archive`}>
      <header class="page-header">
        <h1>{t('archive.title')}</h1>
      </header>
      {years.length === 0 && <p>{t('home.empty')}</p>}
      {years.map((y) => (
        <section class="archive-year" aria-labelledby={`y${y.year}`}>
          <h2 id={`y${y.year}`}>{y.year}</h2>
          <ul class="archive-months">
            {y.months.map((m) => (
              <li>
                <a href={`/archive/${y.year}/${String(m.month).padStart(2, '0')}`}>{site.i18n.month(y.year, m.month)}</a>{' '}
                <span class="muted">({site.i18n.number(m.count)})</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
