import type { ReactNode } from 'react';
import {
  ACCESSIBILITY_FLAGS,
  ATTENDEE_VISIBILITIES,
  EVENT_KINDS,
  LOCATION_VISIBILITIES,
  type Accessibility,
  type AccessibilityFlag,
  type ApiError,
  type AttendeeVisibility,
  type EventInput,
  type EventKind,
  type HearthEvent,
  type LocationVisibility,
} from '../api';
import { useI18n } from '../i18n';
import { wallTimeOf, zonedToIso, type ZonedResult } from '../zoned-time';
import { Field } from './ui';

/** An event as the form holds it: wall-clock date and times in the form's zone, numbers as typed. */
export interface EventDraft {
  kind: EventKind;
  title: string;
  description: string;
  date: string;
  startTime: string;
  endTime: string;
  venueName: string;
  venueAddress: string;
  joinUrl: string;
  accessibility: Accessibility;
  locationVisibility: LocationVisibility;
  attendeeVisibility: AttendeeVisibility;
  capacity: string;
  onlineCapacity: string;
  waitlistEnabled: boolean;
  guestsAllowed: string;
  approvalRequired: boolean;
  cocRequired: boolean;
  tags: string;
}

export const hasVenue = (kind: EventKind): boolean => kind === 'in_person' || kind === 'hybrid';

/** Sign language and captions matter online too; the rest are about a place. */
const ONLINE_FLAGS: readonly AccessibilityFlag[] = ['signLanguageOnRequest', 'captionsOnRequest'];
export const accessibilityFlagsFor = (kind: EventKind): readonly AccessibilityFlag[] =>
  hasVenue(kind) ? ACCESSIBILITY_FLAGS : ONLINE_FLAGS;

/** Only the flags that apply to the kind (switching kinds drops venue details), and the notes. */
function accessibilityFor(kind: EventKind, a: Accessibility): Accessibility {
  const result: Accessibility = {};
  for (const flag of accessibilityFlagsFor(kind)) if (a[flag] !== undefined) result[flag] = a[flag];
  if (a.notes) result.notes = a.notes;
  return result;
}
export const isOnline = (kind: EventKind): boolean => kind !== 'in_person';

export function emptyDraft(
  kind: EventKind,
  title: string,
  date: string,
  start: string,
  end: string,
): EventDraft {
  return {
    kind,
    title,
    description: '',
    date,
    startTime: start,
    endTime: end,
    venueName: '',
    venueAddress: '',
    joinUrl: '',
    accessibility: {},
    locationVisibility: 'attendees',
    attendeeVisibility: 'organizers',
    capacity: '',
    onlineCapacity: '',
    waitlistEnabled: true,
    guestsAllowed: '0',
    approvalRequired: false,
    cocRequired: false,
    tags: '',
  };
}

export function draftFromEvent(e: HearthEvent): EventDraft {
  const start = wallTimeOf(e.startsAt, e.timezone);
  const end = wallTimeOf(e.endsAt, e.timezone);
  return {
    kind: e.kind,
    title: e.title,
    description: e.description,
    date: start.date,
    startTime: start.time,
    endTime: end.time,
    venueName: e.venueName ?? '',
    venueAddress: e.venueAddress ?? '',
    joinUrl: e.joinUrl ?? '',
    accessibility: e.accessibility,
    locationVisibility: e.locationVisibility ?? 'attendees',
    attendeeVisibility: e.attendeeVisibility ?? 'organizers',
    capacity: e.capacity === null ? '' : String(e.capacity),
    onlineCapacity: e.onlineCapacity === null ? '' : String(e.onlineCapacity),
    waitlistEnabled: e.waitlistEnabled,
    guestsAllowed: String(e.guestsAllowed),
    approvalRequired: e.approvalRequired,
    cocRequired: e.cocRequired,
    tags: e.tags.join(', '),
  };
}

export interface ResolvedTimes {
  start: ZonedResult | null;
  end: ZonedResult | null;
  /** The end time is earlier than the start: it is read as the next day. */
  overnight: boolean;
}

/** The draft's start and end as instants in `zone` (an end before the start ends the next day). */
export function resolveTimes(draft: EventDraft, zone: string): ResolvedTimes {
  const start = zonedToIso({ date: draft.date, time: draft.startTime }, zone);
  const overnight = draft.endTime !== '' && draft.endTime <= draft.startTime;
  let endDate = draft.date;
  if (overnight) {
    const d = new Date(`${draft.date}T00:00:00Z`);
    if (!Number.isNaN(d.getTime())) {
      d.setUTCDate(d.getUTCDate() + 1);
      endDate = d.toISOString().slice(0, 10);
    }
  }
  const end = zonedToIso({ date: endDate, time: draft.endTime }, zone);
  return { start, end, overnight };
}

/** Empty is "no limit"; the inputs are type=number with min 0, so anything else is a whole number. */
const numberOrNull = (text: string): number | null => {
  const n = Number(text.trim());
  return text.trim() !== '' && Number.isInteger(n) && n >= 0 ? n : null;
};

/**
 * The API body for a draft. Fields that do not apply to the kind are sent empty (a venue for an
 * online event, a join link for an in-person one), so switching kinds cannot leave stale data behind.
 */
export function draftToInput(draft: EventDraft, zone: string): EventInput | null {
  const { start, end } = resolveTimes(draft, zone);
  if (!start || !end) return null;
  const venue = hasVenue(draft.kind);
  const online = isOnline(draft.kind);
  const capacity = numberOrNull(draft.capacity);
  const onlineCapacity = draft.kind === 'hybrid' ? numberOrNull(draft.onlineCapacity) : null;
  const guests = numberOrNull(draft.guestsAllowed) ?? 0;
  return {
    kind: draft.kind,
    title: draft.title.trim(),
    description: draft.description,
    startsAt: start.iso,
    endsAt: end.iso,
    timezone: zone,
    venueName: venue && draft.venueName.trim() ? draft.venueName.trim() : null,
    venueAddress: venue && draft.venueAddress.trim() ? draft.venueAddress.trim() : null,
    joinUrl: online && draft.joinUrl.trim() ? draft.joinUrl.trim() : null,
    accessibility: accessibilityFor(draft.kind, draft.accessibility),
    locationVisibility: draft.locationVisibility,
    attendeeVisibility: draft.attendeeVisibility,
    capacity,
    onlineCapacity,
    waitlistEnabled: draft.waitlistEnabled,
    guestsAllowed: guests,
    approvalRequired: draft.approvalRequired,
    cocRequired: draft.cocRequired,
    tags: draft.tags
      .split(/[\s,]+/)
      .map((t) => t.trim().replace(/^#/, ''))
      .filter(Boolean),
  };
}

/**
 * The fields of one event. `prefix` names them for the API's error messages (`events.1.` inside a
 * series); `idPrefix` keeps radio names unique when several events share a page.
 */
export function EventFields({
  draft,
  zone,
  onChange,
  error,
  prefix = '',
  idPrefix,
  heading,
}: {
  draft: EventDraft;
  zone: string;
  onChange: (next: EventDraft) => void;
  error: ApiError | null;
  prefix?: string;
  idPrefix: string;
  heading?: ReactNode;
}) {
  const { t, formatEventRange } = useI18n();
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]): void =>
    onChange({ ...draft, [key]: value });
  const setFlag = (flag: keyof Accessibility, value: boolean | string): void =>
    onChange({ ...draft, accessibility: { ...draft.accessibility, [flag]: value } });
  const times = resolveTimes(draft, zone);
  const venue = hasVenue(draft.kind);
  const online = isOnline(draft.kind);
  const name = (field: string): string => `${prefix}${field}`;
  // Settings folded away open by themselves when the API has something to say about one of them.
  const moreProblems =
    error !== null &&
    ['guestsAllowed', 'attendeeVisibility', 'approvalRequired', 'cocRequired', 'tags'].some(
      (f) => error.problemsFor(name(f)).length > 0,
    );

  return (
    <div className="event-fields" data-kind={draft.kind}>
      {heading}
      <div className="field-row">
        <Field label={t('eventForm.kind')} name={name('kind')} error={error}>
          {(c) => (
            <select
              {...c}
              name={`${idPrefix}-kind`}
              value={draft.kind}
              onChange={(e) => set('kind', e.target.value as EventKind)}
            >
              {EVENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label={t('eventForm.title')} name={name('title')} error={error}>
          {(c) => (
            <input
              {...c}
              name={`${idPrefix}-title`}
              required
              maxLength={200}
              value={draft.title}
              onChange={(e) => set('title', e.target.value)}
            />
          )}
        </Field>
      </div>
      <div className="field-row times">
        <Field label={t('eventForm.date')} name={name('startsAt')} error={error}>
          {(c) => (
            <input
              {...c}
              type="date"
              name={`${idPrefix}-date`}
              required
              value={draft.date}
              onChange={(e) => set('date', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('eventForm.start')} error={error}>
          {(c) => (
            <input
              {...c}
              type="time"
              name={`${idPrefix}-start`}
              required
              value={draft.startTime}
              onChange={(e) => set('startTime', e.target.value)}
            />
          )}
        </Field>
        <Field label={t('eventForm.end')} name={name('endsAt')} error={error}>
          {(c) => (
            <input
              {...c}
              type="time"
              name={`${idPrefix}-end`}
              required
              value={draft.endTime}
              onChange={(e) => set('endTime', e.target.value)}
            />
          )}
        </Field>
      </div>
      <p className="hint time-preview" aria-live="polite" data-testid={`${idPrefix}-when`}>
        {times.start && times.end ? (
          <>
            {formatEventRange(times.start.iso, times.end.iso, zone)}{' '}
            <span dir="ltr" className="offset">
              (UTC{times.start.iso.slice(19)})
            </span>
            {times.overnight ? ` · ${t('eventForm.overnight')}` : ''}
            {times.start.note === 'gap' ? ` · ${t('eventForm.gap', { time: times.start.wall.time })}` : ''}
            {times.start.note === 'ambiguous' ? ` · ${t('eventForm.ambiguous')}` : ''}
          </>
        ) : (
          t('eventForm.chooseTime')
        )}
      </p>
      <Field label={t('eventForm.description')} optional name={name('description')} error={error}>
        {(c) => (
          <textarea
            {...c}
            name={`${idPrefix}-description`}
            rows={3}
            maxLength={20000}
            value={draft.description}
            onChange={(e) => set('description', e.target.value)}
          />
        )}
      </Field>

      {venue ? (
        <fieldset className="subsection">
          <legend>{t('eventForm.venue')}</legend>
          <div className="field-row">
            <Field label={t('eventForm.venueName')} name={name('venueName')} error={error}>
              {(c) => (
                <input
                  {...c}
                  name={`${idPrefix}-venue-name`}
                  maxLength={200}
                  value={draft.venueName}
                  onChange={(e) => set('venueName', e.target.value)}
                />
              )}
            </Field>
            <Field label={t('eventForm.venueAddress')} name={name('venueAddress')} error={error}>
              {(c) => (
                <input
                  {...c}
                  name={`${idPrefix}-venue-address`}
                  maxLength={500}
                  autoComplete="off"
                  value={draft.venueAddress}
                  onChange={(e) => set('venueAddress', e.target.value)}
                />
              )}
            </Field>
          </div>
        </fieldset>
      ) : null}

      <fieldset className="subsection">
        <legend>{t('eventForm.accessibility')}</legend>
        <div className="check-grid">
          {accessibilityFlagsFor(draft.kind).map((flag) => (
            <label key={flag} className="check">
              <input
                type="checkbox"
                name={`${idPrefix}-${flag}`}
                checked={draft.accessibility[flag] === true}
                onChange={(e) => setFlag(flag, e.target.checked)}
              />
              {t(`access.${flag}`)}
            </label>
          ))}
        </div>
        <Field
          label={t('eventForm.accessNotes')}
          hint={t('eventForm.accessNotesHint')}
          optional
          name={name('accessibility.notes')}
          error={error}
        >
          {(c) => (
            <textarea
              {...c}
              name={`${idPrefix}-access-notes`}
              rows={2}
              maxLength={2000}
              value={draft.accessibility.notes ?? ''}
              onChange={(e) => setFlag('notes', e.target.value)}
            />
          )}
        </Field>
      </fieldset>

      {online ? (
        <Field
          label={t('eventForm.joinUrl')}
          hint={t('eventForm.joinUrlHint')}
          optional
          name={name('joinUrl')}
          error={error}
        >
          {(c) => (
            <input
              {...c}
              type="url"
              name={`${idPrefix}-join-url`}
              dir="ltr"
              placeholder="https://"
              value={draft.joinUrl}
              onChange={(e) => set('joinUrl', e.target.value)}
            />
          )}
        </Field>
      ) : null}

      <fieldset className="choices compact">
        <legend>{venue ? t('eventForm.whoSeesAddress') : t('eventForm.whoSeesLink')}</legend>
        {LOCATION_VISIBILITIES.map((v) => (
          <label key={v} className="choice">
            <input
              type="radio"
              name={`${idPrefix}-location-visibility`}
              value={v}
              checked={draft.locationVisibility === v}
              onChange={() => set('locationVisibility', v)}
            />
            <span>
              {t(`locationVisibility.${v}`)}
              <span className="hint">{t(`locationVisibilityHint.${v}`)}</span>
            </span>
          </label>
        ))}
      </fieldset>

      <div className="field-row capacity-row">
        <Field
          label={draft.kind === 'hybrid' ? t('eventForm.capacityInPerson') : t('eventForm.capacity')}
          hint={t('eventForm.capacityHint')}
          optional
          name={name('capacity')}
          error={error}
        >
          {(c) => (
            <input
              {...c}
              type="number"
              inputMode="numeric"
              min={0}
              max={100000}
              name={`${idPrefix}-capacity`}
              value={draft.capacity}
              onChange={(e) => set('capacity', e.target.value)}
            />
          )}
        </Field>
        {draft.kind === 'hybrid' ? (
          <Field label={t('eventForm.onlineCapacity')} optional name={name('onlineCapacity')} error={error}>
            {(c) => (
              <input
                {...c}
                type="number"
                inputMode="numeric"
                min={0}
                max={100000}
                name={`${idPrefix}-online-capacity`}
                value={draft.onlineCapacity}
                onChange={(e) => set('onlineCapacity', e.target.value)}
              />
            )}
          </Field>
        ) : null}
      </div>
      <label className="check waitlist-check">
        <input
          type="checkbox"
          name={`${idPrefix}-waitlist`}
          checked={draft.waitlistEnabled}
          onChange={(e) => set('waitlistEnabled', e.target.checked)}
        />
        {t('eventForm.waitlist')}
      </label>

      <details className="more-options" open={moreProblems || undefined}>
        <summary>{t('eventForm.more')}</summary>
        <div className="field-row">
          <Field label={t('eventForm.guests')} name={name('guestsAllowed')} error={error}>
            {(c) => (
              <input
                {...c}
                type="number"
                inputMode="numeric"
                min={0}
                max={20}
                name={`${idPrefix}-guests`}
                value={draft.guestsAllowed}
                onChange={(e) => set('guestsAllowed', e.target.value)}
              />
            )}
          </Field>
          <Field label={t('eventForm.attendeeVisibility')} name={name('attendeeVisibility')} error={error}>
            {(c) => (
              <select
                {...c}
                name={`${idPrefix}-attendee-visibility`}
                value={draft.attendeeVisibility}
                onChange={(e) => set('attendeeVisibility', e.target.value as AttendeeVisibility)}
              >
                {ATTENDEE_VISIBILITIES.map((v) => (
                  <option key={v} value={v}>
                    {t(`attendeeVisibility.${v}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="check-row">
          <label className="check">
            <input
              type="checkbox"
              name={`${idPrefix}-approval`}
              checked={draft.approvalRequired}
              onChange={(e) => set('approvalRequired', e.target.checked)}
            />
            {t('eventForm.approval')}
          </label>
          <label className="check">
            <input
              type="checkbox"
              name={`${idPrefix}-coc`}
              checked={draft.cocRequired}
              onChange={(e) => set('cocRequired', e.target.checked)}
            />
            {t('eventForm.coc')}
          </label>
        </div>
        <Field
          label={t('eventForm.tags')}
          hint={t('eventForm.tagsHint')}
          optional
          name={name('tags')}
          error={error}
        >
          {(c) => (
            <input
              {...c}
              name={`${idPrefix}-tags`}
              value={draft.tags}
              onChange={(e) => set('tags', e.target.value)}
            />
          )}
        </Field>
      </details>
    </div>
  );
}
