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
import { useI18n, type Translate } from '../i18n';
import { addDays, formatOffset, offsetAt, wallTimeOf, zonedToIso, type ZonedResult } from '../zoned-time';
// The API's own rules, imported as they are (the file has no imports), so the form cannot drift from them.
import {
  MAX_EVENT_DURATION_MS,
  editedEventTimeProblems,
  newEventTimeProblems,
  type EventTimeProblem,
} from '../../../../libs/events/src/events/event-time-rules';
import { ApiError as FormError, type FieldProblem } from '../api';
import { Field } from './ui';

/** An event as the form holds it: wall-clock date and times in the form's zone, numbers as typed. */
export interface EventDraft {
  kind: EventKind;
  title: string;
  description: string;
  date: string;
  startTime: string;
  /** The end's own date: an event that ends after midnight says so, it is never guessed. */
  endDate: string;
  endTime: string;
  /** For a wall time the clocks pass twice: the offset the organizer picked ('' = not yet). */
  startOffset: string;
  endOffset: string;
  /** The organizer confirmed an event longer than 14 days. */
  confirmLong: boolean;
  /** The organizer confirmed moving an event people were invited to into the past. */
  confirmPast: boolean;
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
    endDate: date,
    endTime: end,
    startOffset: '',
    endOffset: '',
    confirmLong: false,
    confirmPast: false,
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
    endDate: end.date,
    endTime: end.time,
    startOffset: String(offsetAt(new Date(e.startsAt).getTime(), e.timezone)),
    endOffset: String(offsetAt(new Date(e.endsAt).getTime(), e.timezone)),
    // Already saved as it is: a long event was confirmed when it was made.
    confirmLong: new Date(e.endsAt).getTime() - new Date(e.startsAt).getTime() > MAX_EVENT_DURATION_MS,
    confirmPast: false,
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
}

const offsetChoice = (text: string): number | undefined => (text === '' ? undefined : Number(text));

/**
 * The draft's start and end as instants in `zone`, each on its own date. (An end earlier than the
 * start used to be read as the next day, so a 19:00 end typed for a 20:00 start made a 23-hour event.)
 */
export function resolveTimes(draft: EventDraft, zone: string): ResolvedTimes {
  return {
    start: zonedToIso({ date: draft.date, time: draft.startTime }, zone, offsetChoice(draft.startOffset)),
    end: zonedToIso({ date: draft.endDate, time: draft.endTime }, zone, offsetChoice(draft.endOffset)),
  };
}

/** Whether a wall time is usable as it stands: not skipped by the clocks, and not twice without a choice. */
const usable = (r: ZonedResult | null, choice: string): boolean =>
  r !== null &&
  r.note !== 'gap' &&
  (r.note !== 'ambiguous' || (r.offsets !== null && r.offsets.includes(Number(choice)) && choice !== ''));

/** For editing: the event as saved, and whether invitations to it went out (the server decides for sure). */
export interface EditContext {
  before: { startsAt: string; endsAt: string };
  invited: boolean;
}

/**
 * What the API would refuse about the draft's times, worded for the form and keyed by API field
 * (startsAt, endsAt), so each shows beside its field before anything is sent.
 */
export function draftTimeProblems(
  draft: EventDraft,
  zone: string,
  t: Translate,
  formatDate: (date: string) => string,
  edit?: EditContext,
  now: Date = new Date(),
): FieldProblem[] {
  const { start, end } = resolveTimes(draft, zone);
  const out: FieldProblem[] = [];
  const add = (field: string, problem: string): void => {
    const existing = out.find((p) => p.field === field);
    if (existing) existing.problems.push(problem);
    else out.push({ field, problems: [problem] });
  };
  const zoneProblem = (
    field: string,
    r: ZonedResult | null,
    wall: { date: string; time: string },
    choice: string,
  ) => {
    if (r?.note === 'gap' && r.gap) {
      add(
        field,
        t('time.gap', { time: wall.time, zone, date: formatDate(wall.date), from: r.gap.from, to: r.gap.to }),
      );
    } else if (r?.note === 'ambiguous' && r.offsets && !usable(r, choice)) {
      add(
        field,
        t('time.ambiguous', {
          time: wall.time,
          zone,
          date: formatDate(wall.date),
          first: formatOffset(r.offsets[0]),
          second: formatOffset(r.offsets[1]),
        }),
      );
    }
  };
  zoneProblem('startsAt', start, { date: draft.date, time: draft.startTime }, draft.startOffset);
  zoneProblem('endsAt', end, { date: draft.endDate, time: draft.endTime }, draft.endOffset);
  if (!start || !end || !usable(start, draft.startOffset) || !usable(end, draft.endOffset)) return out;
  const after = { startsAt: new Date(start.iso), endsAt: new Date(end.iso) };
  const confirm = { confirmLongEvent: draft.confirmLong, confirmPast: draft.confirmPast };
  const problems: EventTimeProblem[] = edit
    ? editedEventTimeProblems(
        { startsAt: new Date(edit.before.startsAt), endsAt: new Date(edit.before.endsAt) },
        after,
        now,
        { ...confirm, invited: edit.invited, publishing: false },
      )
    : newEventTimeProblems(after, now, confirm);
  for (const p of problems) add(p.field, t(`time.${p.code}`));
  return out;
}

/** Whether the form should hold the draft back: the problems are already shown beside the fields. */
export const hasTimeProblems = (draft: EventDraft, zone: string, edit?: EditContext): boolean =>
  draftTimeProblems(
    draft,
    zone,
    (key) => key,
    (date) => date,
    edit,
  ).length > 0;

/** The server's answer and the form's own findings in one, for the fields to show. */
export function withFormProblems(
  server: FormError | null,
  form: FieldProblem[],
  prefix = '',
): FormError | null {
  if (form.length === 0) return server;
  const prefixed = form.map((p) => ({ field: `${prefix}${p.field}`, problems: p.problems }));
  return new FormError(server?.statusCode ?? 422, server?.code ?? 'FORM_INVALID', server?.message ?? '', {
    ...server?.details,
    fields: [...(server?.fields ?? []), ...prefixed],
  });
}

/** Whole days from one YYYY-MM-DD to another; null when either is not a date. */
function dayDifference(from: string, to: string): number | null {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return Number.isNaN(a) || Number.isNaN(b) ? null : Math.round((b - a) / 86_400_000);
}

/** Which of the two moments a wall time names when the clocks go back: the organizer says. */
function OffsetChoice({
  label,
  name,
  time,
  offsets,
  value,
  onChange,
}: {
  label: string;
  name: string;
  time: string;
  offsets: [number, number];
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Field label={label}>
      {(c) => (
        <select {...c} name={name} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{t('time.choose')}</option>
          <option value={String(offsets[0])}>
            {t('time.first', { time, offset: formatOffset(offsets[0]) })}
          </option>
          <option value={String(offsets[1])}>
            {t('time.second', { time, offset: formatOffset(offsets[1]) })}
          </option>
        </select>
      )}
    </Field>
  );
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
  if (!start || !end || !usable(start, draft.startOffset) || !usable(end, draft.endOffset)) return null;
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
    ...(draft.confirmLong ? { confirmLongEvent: true } : {}),
    ...(draft.confirmPast ? { confirmPast: true } : {}),
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
  edit,
}: {
  draft: EventDraft;
  zone: string;
  onChange: (next: EventDraft) => void;
  error: ApiError | null;
  prefix?: string;
  idPrefix: string;
  heading?: ReactNode;
  /** Editing a saved event: moves into the past are judged against it. */
  edit?: EditContext;
}) {
  const { t, formatEventRange, formatDay } = useI18n();
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]): void =>
    onChange({ ...draft, [key]: value });
  const setFlag = (flag: keyof Accessibility, value: boolean | string): void =>
    onChange({ ...draft, accessibility: { ...draft.accessibility, [flag]: value } });
  // A new start date carries the end date along, so the event keeps its length in days.
  const setStartDate = (date: string): void => {
    const shift = dayDifference(draft.date, date);
    const endDate =
      shift === null || dayDifference(draft.date, draft.endDate) === null
        ? date
        : addDays(draft.endDate, shift);
    onChange({ ...draft, date, endDate, startOffset: '', endOffset: '' });
  };
  const times = resolveTimes(draft, zone);
  const formProblems = draftTimeProblems(draft, zone, t, formatDay, edit);
  const timeError = withFormProblems(error, formProblems, prefix);
  const codes = (field: string): boolean =>
    formProblems.some((p) => p.field === field && p.problems.length > 0);
  const span =
    times.start && times.end ? new Date(times.end.iso).getTime() - new Date(times.start.iso).getTime() : 0;
  const tooLong = span > MAX_EVENT_DURATION_MS;
  const movedToPast =
    edit !== undefined &&
    edit.invited &&
    times.start !== null &&
    new Date(times.start.iso).getTime() !== new Date(edit.before.startsAt).getTime() &&
    new Date(times.start.iso).getTime() <= Date.now() &&
    (codes('startsAt') || draft.confirmPast);
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
        <Field label={t('eventForm.date')} error={timeError}>
          {(c) => (
            <input
              {...c}
              type="date"
              name={`${idPrefix}-date`}
              required
              value={draft.date}
              onChange={(e) => setStartDate(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('eventForm.start')} name={name('startsAt')} error={timeError}>
          {(c) => (
            <input
              {...c}
              type="time"
              name={`${idPrefix}-start`}
              required
              value={draft.startTime}
              onChange={(e) => onChange({ ...draft, startTime: e.target.value, startOffset: '' })}
            />
          )}
        </Field>
        {times.start?.note === 'ambiguous' && times.start.offsets ? (
          <OffsetChoice
            label={t('time.which', { time: draft.startTime })}
            name={`${idPrefix}-start-offset`}
            time={draft.startTime}
            offsets={times.start.offsets}
            value={draft.startOffset}
            onChange={(v) => set('startOffset', v)}
          />
        ) : null}
        <Field label={t('eventForm.endDate')} error={timeError}>
          {(c) => (
            <input
              {...c}
              type="date"
              name={`${idPrefix}-end-date`}
              required
              value={draft.endDate}
              onChange={(e) => onChange({ ...draft, endDate: e.target.value, endOffset: '' })}
            />
          )}
        </Field>
        <Field label={t('eventForm.end')} name={name('endsAt')} error={timeError}>
          {(c) => (
            <input
              {...c}
              type="time"
              name={`${idPrefix}-end`}
              required
              value={draft.endTime}
              onChange={(e) => onChange({ ...draft, endTime: e.target.value, endOffset: '' })}
            />
          )}
        </Field>
        {times.end?.note === 'ambiguous' && times.end.offsets ? (
          <OffsetChoice
            label={t('time.which', { time: draft.endTime })}
            name={`${idPrefix}-end-offset`}
            time={draft.endTime}
            offsets={times.end.offsets}
            value={draft.endOffset}
            onChange={(v) => set('endOffset', v)}
          />
        ) : null}
      </div>
      <p className="hint time-preview" aria-live="polite" data-testid={`${idPrefix}-when`}>
        {times.start && times.end && formProblems.length === 0 ? (
          <>
            {formatEventRange(times.start.iso, times.end.iso, zone)}{' '}
            <span dir="ltr" className="offset">
              (UTC{times.start.iso.slice(19)})
            </span>
          </>
        ) : (
          t('eventForm.chooseTime')
        )}
      </p>
      {tooLong || draft.confirmLong ? (
        <label className="check">
          <input
            type="checkbox"
            name={`${idPrefix}-confirm-long`}
            checked={draft.confirmLong}
            onChange={(e) => set('confirmLong', e.target.checked)}
          />
          {t('time.confirmLong')}
        </label>
      ) : null}
      {movedToPast || draft.confirmPast ? (
        <label className="check">
          <input
            type="checkbox"
            name={`${idPrefix}-confirm-past`}
            checked={draft.confirmPast}
            onChange={(e) => set('confirmPast', e.target.checked)}
          />
          {t('time.confirmPast')}
        </label>
      ) : null}
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
