import { useI18n } from '../../i18n';
import { addDays, formatOffset, type ZonedResult } from '../../zoned-time';
import { Field } from '../ui';
import { resolveTimes, type EditContext } from './draft';
import type { SectionProps } from './section';
import { draftTimeProblems, withFormProblems } from './time-problems';
import { MAX_EVENT_DURATION_MS } from './time-rules';

type TimeProps = SectionProps & { zone: string; edit?: EditContext; prefix: string };

/** When the event starts and ends, in the form's zone, with what the clocks and the rules have to say. */
export function TimeFields(props: TimeProps) {
  const { draft, onChange, error, zone, edit, prefix } = props;
  const { t, formatDay } = useI18n();
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
  return (
    <>
      <div className="field-row times">
        <WallTimeInputs
          {...props}
          end={false}
          timeError={timeError}
          resolved={times.start}
          onDate={setStartDate}
        />
        <WallTimeInputs
          {...props}
          end
          timeError={timeError}
          resolved={times.end}
          onDate={(endDate) => onChange({ ...draft, endDate, endOffset: '' })}
        />
      </div>
      <TimeSummary {...props} times={times} problems={formProblems.map((p) => p.field)} />
    </>
  );
}

/** The date, time and (when the clocks pass it twice) offset of the start or of the end. */
function WallTimeInputs({
  draft,
  onChange,
  set,
  name,
  idPrefix,
  end,
  timeError,
  resolved,
  onDate,
}: TimeProps & {
  end: boolean;
  timeError: ReturnType<typeof withFormProblems>;
  resolved: ZonedResult | null;
  onDate: (date: string) => void;
}) {
  const { t } = useI18n();
  const time = end ? draft.endTime : draft.startTime;
  const which = end ? 'end' : 'start';
  return (
    <>
      <Field label={t(end ? 'eventForm.endDate' : 'eventForm.date')} error={timeError}>
        {(c) => (
          <input
            {...c}
            type="date"
            name={`${idPrefix}-${end ? 'end-date' : 'date'}`}
            required
            value={end ? draft.endDate : draft.date}
            onChange={(e) => onDate(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t(end ? 'eventForm.end' : 'eventForm.start')}
        name={name(end ? 'endsAt' : 'startsAt')}
        error={timeError}
      >
        {(c) => (
          <input
            {...c}
            type="time"
            name={`${idPrefix}-${which}`}
            required
            value={time}
            onChange={(e) =>
              onChange(
                end
                  ? { ...draft, endTime: e.target.value, endOffset: '' }
                  : { ...draft, startTime: e.target.value, startOffset: '' },
              )
            }
          />
        )}
      </Field>
      {resolved?.note === 'ambiguous' && resolved.offsets ? (
        <OffsetChoice
          label={t('time.which', { time })}
          name={`${idPrefix}-${which}-offset`}
          time={time}
          offsets={resolved.offsets}
          value={end ? draft.endOffset : draft.startOffset}
          onChange={(v) => set(end ? 'endOffset' : 'startOffset', v)}
        />
      ) : null}
    </>
  );
}

/** The event's time in words, and the confirmations a long event or a move into the past needs. */
function TimeSummary({
  draft,
  set,
  idPrefix,
  zone,
  edit,
  times,
  problems,
}: TimeProps & { times: ReturnType<typeof resolveTimes>; problems: string[] }) {
  const { t, formatEventRange } = useI18n();
  const span =
    times.start && times.end ? new Date(times.end.iso).getTime() - new Date(times.start.iso).getTime() : 0;
  const tooLong = span > MAX_EVENT_DURATION_MS;
  const movedToPast =
    edit !== undefined &&
    edit.invited &&
    times.start !== null &&
    new Date(times.start.iso).getTime() !== new Date(edit.before.startsAt).getTime() &&
    new Date(times.start.iso).getTime() <= Date.now() &&
    (problems.includes('startsAt') || draft.confirmPast);
  const confirm = (key: 'confirmLong' | 'confirmPast', id: string, label: string) => (
    <label className="check">
      <input
        type="checkbox"
        name={`${idPrefix}-${id}`}
        checked={draft[key]}
        onChange={(e) => set(key, e.target.checked)}
      />
      {label}
    </label>
  );
  return (
    <>
      <p className="hint time-preview" aria-live="polite" data-testid={`${idPrefix}-when`}>
        {times.start && times.end && problems.length === 0 ? (
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
      {tooLong || draft.confirmLong ? confirm('confirmLong', 'confirm-long', t('time.confirmLong')) : null}
      {movedToPast || draft.confirmPast
        ? confirm('confirmPast', 'confirm-past', t('time.confirmPast'))
        : null}
    </>
  );
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
