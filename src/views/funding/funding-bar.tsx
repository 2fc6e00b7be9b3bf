import type { FundingProgress } from '../../features/funding/get-funding-progress.js';
import { toMajor } from '../../shared/money.js';
import type { SiteView } from '../site.js';

export type BarVariant = 'header' | 'article' | 'page';

/** "12 days left", "Last day", "Ended"; nothing for an open-ended campaign. */
function daysText(site: SiteView, days: number | null): string | null {
  const { t } = site.i18n;
  if (days === null) return null;
  if (days <= 0) return t('funding.bar.ended');
  if (days === 1) return t('funding.bar.lastDay');
  return t('funding.bar.daysLeft', { count: days });
}

/** Accessible text of the bar: "$1,360 raised of $5,000". */
export function barValueText(site: SiteView, p: FundingProgress): string {
  const { t, money } = site.i18n;
  const values = {
    raised: money(p.raisedMinor, p.currency),
    goal: money(p.goalMinor, p.currency),
  };
  return p.reached ? t('funding.bar.valueTextReached', values) : t('funding.bar.valueText', values);
}

/**
 * The funding bar: campaign name, amount raised of the goal, percentage, days left, a track with
 * milestone ticks, and the call to action. The track is a real progressbar for assistive
 * technology; past the goal it says so and stays full instead of overflowing. `data-funding-bar`
 * marks it for the live script (and tags the page 'funding' in the page cache).
 */
export function FundingBar({ site, progress: p, variant }: { site: SiteView; progress: FundingProgress; variant: BarVariant }) {
  const { t, money } = site.i18n;
  const titleId = `funding-title-${variant}`;
  const fill = p.goalMinor > 0 ? Math.min(100, Math.max(0, (p.raisedMinor / p.goalMinor) * 100)) : 0;
  const raised = money(p.raisedMinor, p.currency);
  const goal = money(p.goalMinor, p.currency);
  const days = daysText(site, p.daysLeft);
  const Title = variant === 'page' ? 'h2' : 'p';
  return (
    <section class={`funding-bar funding-bar-${variant}${p.reached ? ' funding-reached' : ''}`} data-funding-bar={variant} aria-labelledby={titleId}>
      <div class="funding-head">
        <Title class="funding-title" id={titleId}>
          {p.name}
        </Title>
        <p class="funding-figures">
          {p.reached ? (
            <strong class="funding-raised">{t('funding.bar.reached', { raised, goal })}</strong>
          ) : (
            <>
              <strong class="funding-raised">{raised}</strong> {t('funding.bar.ofGoal', { goal })}
            </>
          )}
          <span class="funding-percent"> · {t('funding.bar.percent', { percent: p.percent })}</span>
          {days && <span class="funding-days"> · {days}</span>}
        </p>
      </div>
      <div
        class="funding-track"
        role="progressbar"
        aria-labelledby={titleId}
        aria-valuemin={0}
        aria-valuemax={toMajor(p.goalMinor, p.currency)}
        aria-valuenow={toMajor(Math.min(Math.max(p.raisedMinor, 0), p.goalMinor), p.currency)}
        aria-valuetext={barValueText(site, p)}
      >
        <span class="funding-fill" style={{ width: `${fill.toFixed(2)}%` }} />
        {p.milestones
          .filter((m) => m > 0 && m < p.goalMinor)
          .map((m) => (
            <span
              class={`funding-tick${p.raisedMinor >= m ? ' funding-tick-done' : ''}`}
              style={{
                insetInlineStart: `${((m / p.goalMinor) * 100).toFixed(2)}%`,
              }}
            />
          ))}
      </div>
      <ul class="funding-ticks" aria-label={t('funding.bar.milestones')}>
        {p.milestones.map((m) => (
          <li
            style={{
              insetInlineStart: `${((m / p.goalMinor) * 100).toFixed(2)}%`,
            }}
          >
            {money(m, p.currency)}
          </li>
        ))}
      </ul>
      {variant !== 'page' && (
        <a class="funding-cta" href="/support">
          {t('funding.cta', { site: site.name })}
        </a>
      )}
    </section>
  );
}
