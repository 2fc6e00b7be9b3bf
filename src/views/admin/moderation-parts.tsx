import type { SiteView } from '../site.js';

/** The moderation screens' own navigation: queue, bans, and (for whom the policy allows) log and settings. */
export function ModerationSubnav({ site, current, links }: { site: SiteView; current: 'queue' | 'bans' | 'log' | 'settings'; links: { log: boolean; settings: boolean } }) {
  const { t } = site.i18n;
  const items = [
    { key: 'queue', href: '/admin/moderation', label: t('moderation.admin.queue'), show: true },
    { key: 'bans', href: '/admin/moderation/bans', label: t('moderation.admin.bans'), show: true },
    { key: 'log', href: '/admin/moderation/log', label: t('moderation.admin.log'), show: links.log },
    { key: 'settings', href: '/admin/moderation/settings', label: t('moderation.admin.settings'), show: links.settings },
  ].filter((i) => i.show);
  return (
    <nav class="admin-tabs moderation-sections" aria-label={t('moderation.admin.sections')}>
      {items.map((i) => (
        <a href={i.href} aria-current={i.key === current ? 'page' : undefined}>
          {i.label}
        </a>
      ))}
    </nav>
  );
}

export const policyChoices = ['spam', 'abuse', 'hate', 'threats', 'personal_information', 'impersonation', 'off_topic', 'other'] as const;

/** A policy point to cite, from the catalog (`moderation.policy.*`). */
export function PolicySelect({ site, id, name, value, allowNone }: { site: SiteView; id: string; name: string; value: string; allowNone: boolean }) {
  const { t } = site.i18n;
  return (
    <select id={id} name={name}>
      {allowNone && (
        <option value="" selected={value === ''}>
          {t('moderation.admin.reasonNone')}
        </option>
      )}
      {policyChoices.map((code) => (
        <option value={code} selected={value === code}>
          {t(`moderation.policy.${code}`)}
        </option>
      ))}
    </select>
  );
}
