import type { WallEntry } from '../../features/funding/queries.js';
import type { SiteView } from '../site.js';

/** The latest public supporters and their messages; anonymous supporters are counted, never named. */
export function DonorWall({ site, entries, anonymous }: { site: SiteView; entries: WallEntry[]; anonymous: number }) {
  const { t, date } = site.i18n;
  return (
    <section class="donor-wall" aria-labelledby="donor-wall-title">
      <h2 id="donor-wall-title">{t('funding.wall.title')}</h2>
      {entries.length === 0 && anonymous === 0 ? (
        <p class="muted">{t('funding.wall.empty')}</p>
      ) : (
        <>
          <ul class="donor-list">
            {entries.map((e) => (
              <li class="donor">
                <p class="donor-name">
                  <strong>{e.name}</strong> <time dateTime={e.at}>{date(e.at)}</time>
                </p>
                {e.message && <p class="donor-message">{e.message}</p>}
              </li>
            ))}
          </ul>
          {anonymous > 0 && <p class="donor-anonymous">{t(entries.length ? 'funding.wall.anonymousMore' : 'funding.wall.anonymous', { count: anonymous })}</p>}
        </>
      )}
    </section>
  );
}
