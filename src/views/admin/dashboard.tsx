import type { DashboardStats } from '../../features/dashboard/get-dashboard.js';
import type { SiteView } from '../site.js';
import { Chart, type ChartDatum } from './charts.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

export type DashboardView = DashboardStats;

function Stat({ label, value, href }: { label: string; value: string; href?: string | undefined }) {
  return (
    <div class="stat">
      <dt>{label}</dt>
      <dd>{href ? <a href={href}>{value}</a> : value}</dd>
    </div>
  );
}

type Shell = Omit<AdminLayoutProps, 'title' | 'children'>;

/** A link to a screen only when the navigation offers it to this account. */
const linkIf = (shell: Shell, screen: string, href = screen) => (shell.nav.some((item) => item.href === screen) ? href : undefined);

/** Per-day counts as chart data: the full date for the table and tooltips, the day of month on the axis. */
function dayData(site: SiteView, days: Array<{ day: string; from: string }>, value: (i: number) => number): ChartDatum[] {
  return days.map(({ day, from }, i) => ({ label: site.i18n.date(from), tick: String(Number(day.slice(8, 10))), value: value(i) }));
}

/** The campaign card and its chart: the running total per day of the period against the goal line. */
function Campaign({ shell, funding }: { shell: Shell; funding: NonNullable<DashboardView['funding']> }) {
  const site = shell.site;
  const { t, money } = site.i18n;
  const { progress: p, perDay } = funding;
  const first = perDay[0];
  const last = perDay.at(-1);
  const [year, month] = p.period.split('-').map(Number);
  const period =
    p.kind === 'monthly' && year && month ? site.i18n.month(year, month) : first && last ? `${site.i18n.date(first.from)} – ${site.i18n.date(last.from)}` : '';
  const format = (minor: number) => money(minor, p.currency);
  const daysLeft = p.daysLeft === null ? null : p.daysLeft <= 0 ? t('funding.bar.ended') : p.daysLeft === 1 ? t('funding.bar.lastDay') : t('funding.bar.daysLeft', { count: p.daysLeft });
  return (
    <section aria-labelledby="campaign" class="dashboard-campaign charts">
      <h2 id="campaign">{t('admin.dashboard.campaign', { name: p.name })}</h2>
      <dl class="stats">
        <Stat label={t('admin.dashboard.raised')} value={format(p.raisedMinor)} href={linkIf(shell, '/admin/campaigns', `/admin/campaigns?id=${p.campaignId}`)} />
        <Stat label={t('admin.dashboard.goal')} value={format(p.goalMinor)} />
        <Stat label={t('admin.dashboard.progress')} value={t('funding.bar.percent', { percent: p.percent })} />
        {daysLeft && <Stat label={t('admin.dashboard.timeLeft')} value={daysLeft} />}
      </dl>
      <Chart
        id="chart-money"
        kind="line"
        title={t('admin.chart.money.title', { period })}
        summary={t('admin.chart.money.summary', {
          raised: format(p.raisedMinor),
          goal: format(p.goalMinor),
          percent: t('funding.bar.percent', { percent: p.percent }),
          date: last ? site.i18n.date(last.from) : '',
        })}
        columns={{ label: t('admin.chart.day'), value: t('admin.chart.money.value') }}
        data={dayData(site, perDay, (i) => perDay[i]?.cumulativeMinor ?? 0)}
        format={format}
        goal={{ value: p.goalMinor, label: t('admin.chart.money.goal', { goal: format(p.goalMinor) }) }}
      />
    </section>
  );
}

/** The dashboard: today at a glance, the campaign, then the charts. Feature screens add their cards and charts here. */
export function DashboardPage({ shell, stats }: { shell: Shell; stats: DashboardView }) {
  const site: SiteView = shell.site;
  const { t, number } = site.i18n;
  const comments = dayData(site, stats.commentsPerDay, (i) => stats.commentsPerDay[i]?.count ?? 0);
  const published = dayData(site, stats.publishedPerDay, (i) => stats.publishedPerDay[i]?.count ?? 0);
  const sum = (data: ChartDatum[]) => data.reduce((n, d) => n + d.value, 0);
  const moderation = (tab?: string) => linkIf(shell, '/admin/moderation', tab ? `/admin/moderation?tab=${tab}` : '/admin/moderation');
  return (
    <AdminLayout {...shell} title={t('admin.dashboard.title')}>
      <h1>{t('admin.dashboard.title')}</h1>
      <section aria-labelledby="at-a-glance">
        <h2 id="at-a-glance" class="visually-hidden">
          {t('admin.dashboard.glance')}
        </h2>
        <dl class="stats">
          {stats.comments && <Stat label={t('admin.dashboard.commentsToday')} value={number(stats.comments.today)} />}
          {stats.moderation && <Stat label={t('admin.dashboard.pending')} value={number(stats.moderation.pending)} href={moderation()} />}
          {stats.moderation && <Stat label={t('admin.dashboard.reported')} value={number(stats.moderation.reported)} href={moderation('reported')} />}
          {stats.moderation && <Stat label={t('admin.dashboard.appeals')} value={number(stats.moderation.appeals)} href={moderation('appeals')} />}
          <Stat label={t('admin.dashboard.published')} value={number(stats.articles.published)} />
          <Stat label={t('admin.dashboard.scheduled')} value={number(stats.articles.scheduled)} />
          <Stat label={t('admin.dashboard.drafts')} value={number(stats.articles.draft)} />
        </dl>
      </section>
      {stats.funding ? (
        <Campaign shell={shell} funding={stats.funding} />
      ) : (
        <section aria-labelledby="campaign" class="dashboard-campaign charts">
          <h2 id="campaign">{t('admin.dashboard.campaignHeading')}</h2>
          <p>
            {t('admin.dashboard.noCampaign')}{' '}
            {linkIf(shell, '/admin/campaigns') && <a href="/admin/campaigns">{t('admin.dashboard.manageCampaigns')}</a>}
          </p>
        </section>
      )}
      <section aria-labelledby="charts" class="charts">
        <h2 id="charts">{t('admin.dashboard.charts')}</h2>
        {stats.comments && (
          <Chart
            id="chart-comments"
            kind="bar"
            title={t('admin.chart.comments.title', { days: comments.length })}
            summary={t('admin.chart.comments.summary', { count: sum(comments), days: comments.length })}
            columns={{ label: t('admin.chart.day'), value: t('admin.chart.comments.value') }}
            data={comments}
            format={number}
          />
        )}
        <Chart
          id="chart-published"
          kind="bar"
          title={t('admin.chart.published.title', { days: published.length })}
          summary={t('admin.chart.published.summary', { count: sum(published), days: published.length })}
          columns={{ label: t('admin.chart.day'), value: t('admin.chart.published.value') }}
          data={published}
          format={number}
        />
      </section>
    </AdminLayout>
  );
}
