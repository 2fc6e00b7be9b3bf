import type { AuditRow, Campaign, LedgerRow, ProviderEventRow } from '../../features/funding/queries.js';
import type { MessageKey } from '../../i18n/index.js';
import { currencyDigits } from '../../shared/money.js';
import { zonedDate } from '../../shared/zoned-time.js';
import { CsrfInput, Field, FormMessage } from '../form-fields.js';
import type { SiteView } from '../site.js';
import { AdminLayout, type AdminLayoutProps } from './layout.js';

export interface CampaignRow {
  campaign: Campaign;
  raisedMinor: number;
  period: string;
}

export interface CampaignsPageProps {
  shell: Omit<AdminLayoutProps, 'title' | 'children'>;
  campaigns: CampaignRow[];
  /** The campaign being edited; null for the "new campaign" form. */
  selected: Campaign | null;
  ledger: LedgerRow[];
  /** Who changed the selected campaign and its ledger, newest first. */
  auditLog: AuditRow[];
  unapplied: ProviderEventRow[];
  /** Re-rendered after a failed post: what was typed and what is wrong. */
  form?: { which: 'campaign' | 'gift' | 'reverse'; values: Record<string, string>; errors: Record<string, string>; message: string };
  notice?: string | null;
  /** A fresh token for the offline gift form, so a double submit records one gift. */
  requestId: string;
}

const major = (minor: number, currency: string) => String(minor / 10 ** currencyDigits(currency));

function CampaignForm({ site, selected, form, csrf }: { site: SiteView; selected: Campaign | null; form?: CampaignsPageProps['form']; csrf: string | null }) {
  const { t } = site.i18n;
  const mine = form?.which === 'campaign' ? form : undefined;
  const v = mine?.values ?? {};
  const e = mine?.errors ?? {};
  const c = selected;
  const value = (name: string, fallback: string) => v[name] ?? fallback;
  const zone = site.i18n.timeZone;
  const milestones = c ? c.milestones.filter((m) => m > 0 && m < c.goalMinor).map((m) => major(m, c.currency)).join(', ') : '';
  return (
    <form method="post" action="/admin/campaigns" class="admin-form">
      <CsrfInput token={csrf} />
      {c && <input type="hidden" name="id" value={String(c.id)} />}
      <FormMessage message={mine?.message} />
      <Field id="c-name" name="name" label={t('funding.admin.name')} value={value('name', c?.name ?? '')} error={e.name} required maxLength={120} />
      <Field id="c-goal" name="goal" label={t('funding.admin.goal')} value={value('goal', c ? major(c.goalMinor, c.currency) : '')} error={e.goal} required />
      <Field id="c-currency" name="currency" label={t('funding.admin.currency')} value={value('currency', c?.currency ?? 'USD')} error={e.currency} required maxLength={3} />
      <div class="field">
        <label for="c-kind">{t('funding.admin.kind')}</label>
        <select id="c-kind" name="kind">
          <option value="monthly" selected={value('kind', c?.kind ?? 'monthly') === 'monthly'}>
            {t('funding.admin.kindMonthly')}
          </option>
          <option value="fixed" selected={value('kind', c?.kind ?? 'monthly') === 'fixed'}>
            {t('funding.admin.kindFixed')}
          </option>
        </select>
      </div>
      <Field id="c-starts" name="startsAt" type="date" label={t('funding.admin.startsAt')} value={value('startsAt', c?.startsAt ? zonedDate(new Date(c.startsAt), zone) : '')} hint={t('funding.admin.datesHint', { zone })} />
      {/* The stored end is the midnight after the last day; the form shows that last day. */}
      <Field id="c-ends" name="endsAt" type="date" label={t('funding.admin.endsAt')} value={value('endsAt', c?.endsAt ? zonedDate(new Date(Date.parse(c.endsAt) - 1), zone) : '')} error={e.endsAt} />
      <Field id="c-milestones" name="milestones" label={t('funding.admin.milestones')} value={value('milestones', milestones)} error={e.milestones} hint={t('funding.admin.milestonesHint')} />
      <div class="field">
        <label for="c-thanks">{t('funding.admin.thankYou')}</label>
        <textarea id="c-thanks" name="thankYou" rows={3} maxLength={2000}>
          {value('thankYou', c?.thankYou ?? '')}
        </textarea>
      </div>
      <div class="field">
        <label>
          <input type="checkbox" name="active" value="1" checked={value('active', c ? (c.active ? '1' : '') : '1') === '1'} /> {t('funding.admin.active')}
        </label>
      </div>
      <button type="submit" class="button">
        {c ? t('funding.admin.save') : t('funding.admin.create')}
      </button>
    </form>
  );
}

function GiftForm({ site, campaign, form, csrf, requestId }: { site: SiteView; campaign: Campaign; form?: CampaignsPageProps['form']; csrf: string | null; requestId: string }) {
  const { t } = site.i18n;
  const mine = form?.which === 'gift' ? form : undefined;
  const v = mine?.values ?? {};
  const e = mine?.errors ?? {};
  return (
    <form method="post" action="/admin/campaigns/gifts" class="admin-form">
      <CsrfInput token={csrf} />
      <input type="hidden" name="campaignId" value={String(campaign.id)} />
      <input type="hidden" name="requestId" value={requestId} />
      <FormMessage message={mine?.message} />
      <Field id="g-amount" name="amount" label={t('funding.admin.amount', { currency: campaign.currency })} value={v.amount ?? ''} error={e.amount} required />
      <Field id="g-currency" name="currency" label={t('funding.admin.currency')} value={v.currency ?? campaign.currency} error={e.currency} required maxLength={3} />
      <Field id="g-note" name="note" label={t('funding.admin.note')} value={v.note ?? ''} error={e.note} hint={t('funding.admin.noteHint')} required maxLength={500} />
      <Field id="g-received" name="receivedAt" label={t('funding.admin.receivedAt')} value={v.receivedAt ?? ''} error={e.receivedAt} hint={t('funding.admin.receivedAtHint')} />
      <Field id="g-name" name="donorName" label={t('funding.form.name')} value={v.donorName ?? ''} error={e.donorName} maxLength={80} />
      <div class="field">
        <label>
          <input type="checkbox" name="public" value="1" checked={v.public === '1'} /> {t('funding.form.public')}
        </label>
      </div>
      <Field id="g-message" name="message" label={t('funding.form.message')} value={v.message ?? ''} maxLength={280} />
      <Field id="g-email" name="email" type="email" label={t('funding.admin.receiptEmail')} value={v.email ?? ''} error={e.email} />
      <button type="submit" class="button">
        {t('funding.admin.record')}
      </button>
    </form>
  );
}

const auditActions: Record<string, MessageKey> = {
  'ledger.donation': 'funding.admin.audit.ledger.donation',
  'ledger.refund': 'funding.admin.audit.ledger.refund',
  'ledger.dispute': 'funding.admin.audit.ledger.dispute',
  'ledger.dispute_reversal': 'funding.admin.audit.ledger.dispute_reversal',
  'ledger.reversal': 'funding.admin.audit.ledger.reversal',
  'campaign.create': 'funding.admin.audit.campaign.create',
  'campaign.update': 'funding.admin.audit.campaign.update',
};

/** One audit row's "what", for people: "Gift recorded: $42.00", "Entry #12 reversed: -$42.00". */
function auditWhat(site: SiteView, row: AuditRow): string {
  const { t, money } = site.i18n;
  const key = auditActions[row.action];
  if (!key) return row.action;
  const { amountMinor, currency, adjustsEntryId } = row.details;
  const amount = typeof amountMinor === 'number' && typeof currency === 'string' ? money(amountMinor, currency) : '';
  return t(key, { amount, entry: typeof adjustsEntryId === 'number' ? adjustsEntryId : '' });
}

function auditWho(site: SiteView, row: AuditRow): string {
  const { t } = site.i18n;
  if (row.actor === 'stripe') return t('funding.admin.actor.stripe');
  if (row.actor === 'system') return t('funding.admin.actor.system');
  return row.actorName ?? t('funding.admin.deletedAccount');
}

function AuditLog({ site, rows }: { site: SiteView; rows: AuditRow[] }) {
  const { t, dateTime } = site.i18n;
  return (
    <section aria-labelledby="audit-log">
      <h2 id="audit-log">{t('funding.admin.auditLog')}</h2>
      {rows.length === 0 ? (
        <p class="muted">{t('funding.admin.auditNone')}</p>
      ) : (
        <table class="ledger-table">
          <thead>
            <tr>
              <th scope="col">{t('funding.admin.when')}</th>
              <th scope="col">{t('funding.admin.who')}</th>
              <th scope="col">{t('funding.admin.what')}</th>
              <th scope="col">{t('funding.admin.noteCol')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr>
                <td>
                  <time dateTime={row.at}>{dateTime(row.at)}</time>
                </td>
                <td>
                  {auditWho(site, row)}
                  {row.actor === 'stripe' && typeof row.details.source === 'string' && <span class="muted"> {row.details.source}</span>}
                </td>
                <td>{auditWhat(site, row)}</td>
                <td>{typeof row.details.note === 'string' ? row.details.note : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The last cell of a ledger row: reverse an offline gift, or say what reversed it / what it reverses. */
function EntryActions({ site, row, csrf, form }: { site: SiteView; row: LedgerRow; csrf: string | null; form?: CampaignsPageProps['form'] }) {
  const { t } = site.i18n;
  if (row.reversed_by !== null) return <>{t('funding.admin.reversedBy', { id: row.reversed_by })}</>;
  if (row.kind === 'reversal' && row.adjusts_entry_id !== null) return <>{t('funding.admin.reverses', { id: row.adjusts_entry_id })}</>;
  if (row.kind !== 'donation' || row.provider !== 'offline') return null;
  const mine = form?.which === 'reverse' && form.values.entryId === String(row.id) ? form : undefined;
  return (
    <form method="post" action="/admin/campaigns/reversals" class="inline-form">
      <CsrfInput token={csrf} />
      <input type="hidden" name="entryId" value={String(row.id)} />
      <label class="visually-hidden" for={`reverse-${row.id}`}>
        {t('funding.admin.reverseReason', { id: row.id })}
      </label>
      <input
        id={`reverse-${row.id}`}
        name="reason"
        required
        maxLength={500}
        placeholder={t('funding.admin.noteCol')}
        value={mine?.values.reason ?? ''}
        aria-invalid={mine ? 'true' : undefined}
        aria-describedby={mine ? 'reverse-error' : undefined}
      />
      <button type="submit" class="button-secondary">
        {t('funding.admin.reverse')}
      </button>
    </form>
  );
}

export function CampaignsPage(props: CampaignsPageProps) {
  const { shell, selected } = props;
  const site = shell.site;
  const { t, money, dateTime } = site.i18n;
  return (
    <AdminLayout {...shell} title={t('funding.admin.title')}>
      <h1>{t('funding.admin.title')}</h1>
      <FormMessage message={props.notice} kind="info" />
      <section aria-labelledby="campaign-list">
        <h2 id="campaign-list">{t('funding.admin.list')}</h2>
        <table class="ledger-table">
          <thead>
            <tr>
              <th scope="col">{t('funding.admin.name')}</th>
              <th scope="col">{t('funding.admin.kind')}</th>
              <th scope="col">{t('funding.admin.raised')}</th>
              <th scope="col">{t('funding.admin.active')}</th>
            </tr>
          </thead>
          <tbody>
            {props.campaigns.map(({ campaign: c, raisedMinor, period }) => (
              <tr>
                <td>
                  <a href={`/admin/campaigns?id=${c.id}`} aria-current={selected?.id === c.id ? 'page' : undefined}>
                    {c.name}
                  </a>
                </td>
                <td>{c.kind === 'monthly' ? t('funding.admin.kindMonthly') : t('funding.admin.kindFixed')}</td>
                <td>{t('funding.admin.raisedOf', { raised: money(raisedMinor, c.currency), goal: money(c.goalMinor, c.currency), period })}</td>
                <td>{c.active ? t('funding.admin.yes') : t('funding.admin.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p>
          <a href="/admin/campaigns?new=1">{t('funding.admin.new')}</a>
        </p>
      </section>
      <section aria-labelledby="campaign-settings">
        <h2 id="campaign-settings">{selected ? t('funding.admin.settingsOf', { name: selected.name }) : t('funding.admin.new')}</h2>
        <CampaignForm site={site} selected={selected} form={props.form} csrf={shell.csrfToken} />
      </section>
      {selected && (
        <>
          <section aria-labelledby="offline-gift">
            <h2 id="offline-gift">{t('funding.admin.offline')}</h2>
            <GiftForm site={site} campaign={selected} form={props.form} csrf={shell.csrfToken} requestId={props.requestId} />
          </section>
          <section aria-labelledby="ledger">
            <h2 id="ledger">{t('funding.admin.ledger')}</h2>
            {props.form?.which === 'reverse' && (
              <p id="reverse-error" class="form-message form-error" role="alert">
                {props.form.message}
              </p>
            )}
            <table class="ledger-table">
              <thead>
                <tr>
                  <th scope="col">{t('funding.admin.when')}</th>
                  <th scope="col">{t('funding.admin.period')}</th>
                  <th scope="col">{t('funding.admin.entryKind')}</th>
                  <th scope="col">{t('funding.admin.amountCol')}</th>
                  <th scope="col">{t('funding.admin.source')}</th>
                  <th scope="col">{t('funding.admin.donor')}</th>
                  <th scope="col">{t('funding.admin.noteCol')}</th>
                  <th scope="col">{t('funding.admin.enteredBy')}</th>
                  <th scope="col">{t('funding.admin.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {props.ledger.map((row) => (
                  <tr>
                    <td>
                      <time dateTime={row.occurred_at}>{dateTime(row.occurred_at)}</time>
                    </td>
                    <td>{row.period}</td>
                    <td>{t(`funding.admin.kind.${row.kind}`)}</td>
                    <td class="num">{money(Number(row.amount_minor), row.currency)}</td>
                    <td>{row.provider === 'offline' ? t('funding.admin.offlineSource') : (row.provider_ref ?? row.checkout_session_id ?? '')}</td>
                    <td>{row.donor_name ? `${row.donor_name}${row.donor_public ? '' : ` (${t('funding.admin.private')})`}` : t('funding.admin.anonymous')}</td>
                    <td>{row.note}</td>
                    <td>{row.provider === 'stripe' ? t('funding.admin.enteredByStripe') : (row.entered_by_name ?? (row.created_by === null ? '' : t('funding.admin.deletedAccount')))}</td>
                    <td>
                      <EntryActions site={site} row={row} csrf={shell.csrfToken} form={props.form} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <AuditLog site={site} rows={props.auditLog} />
        </>
      )}
      <section aria-labelledby="unapplied">
        <h2 id="unapplied">{t('funding.admin.unapplied')}</h2>
        {props.unapplied.length === 0 ? (
          <p class="muted">{t('funding.admin.unappliedNone')}</p>
        ) : (
          <table class="ledger-table">
            <thead>
              <tr>
                <th scope="col">{t('funding.admin.when')}</th>
                <th scope="col">{t('funding.admin.event')}</th>
                <th scope="col">{t('funding.admin.outcome')}</th>
                <th scope="col">{t('funding.admin.noteCol')}</th>
              </tr>
            </thead>
            <tbody>
              {props.unapplied.map((e) => (
                <tr>
                  <td>
                    <time dateTime={e.received_at}>{dateTime(e.received_at)}</time>
                  </td>
                  <td>
                    {e.type} <span class="muted">{e.event_id}</span>
                  </td>
                  <td>{e.outcome === 'unmatched' ? t('funding.admin.unmatched') : t('funding.admin.rejected')}</td>
                  <td>{e.note}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </AdminLayout>
  );
}
