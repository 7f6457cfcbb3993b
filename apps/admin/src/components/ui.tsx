import { useEffect, useId, useMemo, useRef, type ReactNode } from 'react';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { Link, takeFocusRequest } from '../router';
import { timeZoneChoices } from '@app/i18n';

/** A screen: its heading (focused after in-app navigation, so screen readers announce the page) and title. */
export function Page({
  title,
  actions,
  children,
}: {
  title: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (takeFocusRequest()) heading.current?.focus();
  }, []);
  return (
    <>
      <div className="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {/* Often a user's title or name: isolated so it keeps its own direction (RTL pages). */}
          <bdi>{title}</bdi>
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </>
  );
}

/** The API's error, shown next to the form that caused it: message, code, and per-field problems. */
export function ErrorSummary({ error, title }: { error: ApiError | null; title?: string }) {
  const { t } = useI18n();
  if (!error) return null;
  const fields = error.fields;
  return (
    <div className="error-summary" role="alert" data-error-code={error.code}>
      <p className="error-title">
        <strong>{title ?? t('error.title')}:</strong> {error.message}
      </p>
      {fields.length > 0 ? (
        <ul>
          {fields.map((f) => (
            <li key={f.field}>
              <code>{f.field}</code>: {f.problems.join('; ')}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="error-code">{t('error.code', { code: error.code })}</p>
    </div>
  );
}

/** A polite status line for successes ("Saved."). */
export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** Label, hint and field problems wired to the control through ids. */
export function Field({
  label,
  hint,
  optional,
  error,
  name,
  children,
}: {
  label: string;
  hint?: string;
  optional?: boolean;
  /** The last API error; problems for `name` are shown under the control. */
  error?: ApiError | null;
  name?: string;
  children: (control: ControlProps) => ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  const problems = error && name ? error.problemsFor(name) : [];
  const describedBy = [hint ? `${id}-hint` : '', problems.length ? `${id}-problems` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={problems.length ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>
        {label}
        {optional ? <span className="optional"> {t('common.optional')}</span> : null}
      </label>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(problems.length ? { 'aria-invalid': true as const } : {}),
      })}
      {problems.length ? (
        <p className="field-problems" id={`${id}-problems`}>
          {problems.join('; ')}
        </p>
      ) : null}
    </div>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** Sections of a screen as links (each has its own URL); the current one is marked for assistive tech. */
export function SectionNav({
  label,
  items,
  current,
}: {
  label: string;
  items: Array<{ to: string; label: string }>;
  current: string;
}) {
  return (
    <nav className="section-nav" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={item.to === current ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

let zoneCache: Array<{ area: string; zones: string[] }> | null = null;

function zonesByArea(): Array<{ area: string; zones: string[] }> {
  if (zoneCache) return zoneCache;
  // Modern IANA names (Asia/Kolkata, not the Asia/Calcutta the browser's list may still say).
  const groups = new Map<string, string[]>();
  for (const zone of timeZoneChoices()) {
    const area = zone.includes('/') ? zone.slice(0, zone.indexOf('/')) : 'UTC';
    groups.set(area, [...(groups.get(area) ?? []), zone]);
  }
  zoneCache = [...groups.entries()].map(([area, zones]) => ({ area, zones }));
  return zoneCache;
}

/** IANA time zones (modern names) from the browser's list, grouped by area; keeps an unlisted current value. */
export function TimeZoneSelect({
  name,
  value,
  onChange,
  control,
}: {
  name: string;
  value: string;
  onChange: (zone: string) => void;
  control: ControlProps;
}) {
  const groups = useMemo(zonesByArea, []);
  const known = groups.some((g) => g.zones.includes(value));
  return (
    <select {...control} name={name} value={value} onChange={(e) => onChange(e.target.value)} dir="ltr">
      {!known && value ? <option value={value}>{value}</option> : null}
      {groups.map((g) => (
        <optgroup key={g.area} label={g.area}>
          {g.zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replace(/_/g, ' ')}
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}

/** The browser's own zone, as a sensible default for new things. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
