import { useMemo } from 'react';
import { appTime, formatDateTime } from '@app/i18n';
import { api, type Group, type HearthEvent } from '../api';
import { Badge, ErrorSummary, Loading, Page } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { addDays, wallTimeOf, zonedToIso } from '../zoned-time';

const MONTH = /^(\d{4})-(\d{2})$/;

/** "2026-11" for the month shown; the current month (in the reader's zone) when absent or malformed. */
function monthOf(value: string | null, zone: string): { year: number; month: number } {
  const m = value ? MONTH.exec(value) : null;
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return { year: Number(m[1]), month: Number(m[2]) };
  const today = wallTimeOf(Date.now(), zone).date;
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

const ymd = (y: number, m: number, d: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
const monthParam = (y: number, m: number): string =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;

/** Six weeks or fewer of dates, Monday first, covering the month. */
function gridDays(year: number, month: number): string[] {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const lead = (first.getUTCDay() + 6) % 7;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const weeks = Math.ceil((lead + daysInMonth) / 7);
  const start = addDays(ymd(year, month, 1), -lead);
  return Array.from({ length: weeks * 7 }, (_, i) => addDays(start, i));
}

/** My groups (active memberships), and the events of those shown between two instants, by day in `zone`. */
function useMonthEvents(group: string | null, from: string, to: string, zone: string) {
  const groups = useResource(api.myGroups, 'my-groups');
  const active = (groups.data ?? []).filter(
    (g) => g.membership?.status === 'active' && (!group || g.slug === group),
  );
  const slugs = active.map((g) => g.slug).join(',');
  const events = useResource(
    () =>
      Promise.all(active.map((g) => api.groupEvents(g.slug, { from, to }).then((p) => p.items))).then(
        (lists) => lists.flat().sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt)),
      ),
    `calendar:${slugs}:${from}:${to}`,
  );
  const byDay = useMemo(() => {
    const map = new Map<string, HearthEvent[]>();
    for (const e of events.data ?? []) {
      const day = wallTimeOf(e.startsAt, zone).date;
      map.set(day, [...(map.get(day) ?? []), e]);
    }
    return map;
  }, [events.data, zone]);
  return { groups, events, byDay };
}

/** A month of events across my groups (or one group), placed on days in my time zone. */
export function CalendarScreen({ month, group }: { month: string | null; group: string | null }) {
  const { t, locale, timeZone } = useI18n();
  const zone = timeZone ?? 'UTC';
  const { year, month: m } = monthOf(month, zone);
  const days = useMemo(() => gridDays(year, m), [year, m]);
  const from = zonedToIso({ date: days[0], time: '00:00' }, zone)?.iso ?? `${days[0]}T00:00:00Z`;
  const to =
    zonedToIso({ date: addDays(days[days.length - 1], 1), time: '00:00' }, zone)?.iso ??
    `${addDays(days[days.length - 1], 1)}T00:00:00Z`;
  const { groups, events, byDay } = useMonthEvents(group, from, to, zone);
  const title = formatDateTime(appTime(locale, 'UTC'), new Date(Date.UTC(year, m - 1, 1)), 'month');
  return (
    <Page title={t('calendar.title')}>
      <CalendarToolbar
        year={year}
        month={m}
        group={group}
        zone={zone}
        title={title}
        groups={groups.data ?? []}
      />
      {(groups.loading && !groups.data) || (events.loading && !events.data) ? <Loading /> : null}
      <ErrorSummary error={groups.error ?? events.error} />
      <div className="calendar-wrap">
        <MonthGrid
          days={days}
          byDay={byDay}
          zone={zone}
          title={title}
          month={monthParam(year, m)}
          busy={events.loading}
        />
      </div>
      {events.data && events.data.length === 0 ? <p className="muted">{t('calendar.empty')}</p> : null}
    </Page>
  );
}

/** Previous, next and this month; which group; the zone the days are in. */
function CalendarToolbar({
  year,
  month: m,
  group,
  zone,
  title,
  groups,
}: {
  year: number;
  month: number;
  group: string | null;
  zone: string;
  title: string;
  groups: Group[];
}) {
  const { t, locale } = useI18n();
  const today = wallTimeOf(Date.now(), zone).date;
  const prev = m === 1 ? monthParam(year - 1, 12) : monthParam(year, m - 1);
  const next = m === 12 ? monthParam(year + 1, 1) : monthParam(year, m + 1);
  const query = (mm: string): string =>
    `/calendar?month=${mm}${group ? `&group=${encodeURIComponent(group)}` : ''}`;
  return (
    <div className="toolbar calendar-toolbar">
      <Link to={query(prev)} className="button secondary small" rel="prev">
        <span aria-hidden="true">{locale === 'ar' ? '→' : '←'}</span> {t('calendar.previous')}
      </Link>
      <h2 className="calendar-month" aria-live="polite">
        {title}
      </h2>
      <Link to={query(next)} className="button secondary small" rel="next">
        {t('calendar.next')} <span aria-hidden="true">{locale === 'ar' ? '←' : '→'}</span>
      </Link>
      <Link to={query(monthParam(Number(today.slice(0, 4)), Number(today.slice(5, 7))))} className="small">
        {t('calendar.today')}
      </Link>
      <label htmlFor="calendar-group">{t('calendar.group')}</label>
      <select
        id="calendar-group"
        value={group ?? ''}
        onChange={(e) =>
          navigate(
            `/calendar?month=${monthParam(year, m)}${e.target.value ? `&group=${encodeURIComponent(e.target.value)}` : ''}`,
            { replace: true },
          )
        }
      >
        <option value="">{t('calendar.allGroups')}</option>
        {groups
          .filter((g: Group) => g.membership?.status === 'active')
          .map((g) => (
            <option key={g.slug} value={g.slug}>
              <bdi>{g.name}</bdi>
            </option>
          ))}
      </select>
      <span className="muted small-text" dir="ltr">
        {zone}
      </span>
    </div>
  );
}

/** The month as a table of weeks, Monday first, each day listing its events. */
function MonthGrid(props: {
  days: string[];
  byDay: Map<string, HearthEvent[]>;
  zone: string;
  title: string;
  /** YYYY-MM of the month shown. */
  month: string;
  busy: boolean;
}) {
  const { days, title } = props;
  const { t, locale } = useI18n();
  // 1 January 2024 was a Monday.
  const weekday = (i: number, style: 'short' | 'long'): string =>
    formatDateTime(
      appTime(locale, 'UTC'),
      new Date(Date.UTC(2024, 0, 1 + i)),
      style === 'long' ? 'weekday' : 'weekdayShort',
    );
  const today = wallTimeOf(Date.now(), props.zone).date;
  return (
    <table className="month" aria-busy={props.busy || undefined}>
      <caption className="visually-hidden">{t('calendar.caption', { month: title })}</caption>
      <thead>
        <tr>
          {Array.from({ length: 7 }, (_, i) => (
            <th scope="col" key={i} abbr={weekday(i, 'long')}>
              {weekday(i, 'short')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: days.length / 7 }, (_, w) => (
          <tr key={w}>
            {days.slice(w * 7, w * 7 + 7).map((d) => (
              <DayCell
                key={d}
                day={d}
                events={props.byDay.get(d) ?? []}
                inMonth={d.slice(0, 7) === props.month}
                today={d === today}
                zone={props.zone}
              />
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function DayCell({
  day,
  events: list,
  inMonth,
  today,
  zone,
}: {
  day: string;
  events: HearthEvent[];
  inMonth: boolean;
  today: boolean;
  zone: string;
}) {
  const { t, locale } = useI18n();
  const [yy, mm, dd] = day.split('-').map(Number);
  return (
    <td
      className={[inMonth ? '' : 'other-month', list.length ? 'has-events' : ''].filter(Boolean).join(' ')}
      aria-current={today ? 'date' : undefined}
      data-date={day}
    >
      <span className="day-number">
        <span aria-hidden="true">{dd}</span>
        <span className="visually-hidden">
          {formatDateTime(appTime(locale, 'UTC'), new Date(Date.UTC(yy, mm - 1, dd)), 'dayOfMonth')}
        </span>
      </span>
      {list.length > 0 ? (
        <ul>
          {list.map((e) => (
            <li key={e.id} className={`cal-event kind-${e.kind} status-${e.status}`}>
              <Link to={`/events/${encodeURIComponent(e.id)}`}>
                <span className="cal-time">
                  {formatDateTime(appTime(locale, zone), new Date(e.startsAt), 'clock')}
                </span>{' '}
                <bdi>{e.title}</bdi>
              </Link>
              {e.status === 'cancelled' ? <Badge tone="banned">{t('eventStatus.cancelled')}</Badge> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </td>
  );
}
