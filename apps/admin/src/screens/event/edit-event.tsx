import { useMemo, useState, type FormEvent } from 'react';
import { api, isEvent, type EventInput, type HearthEvent } from '../../api';
import {
  draftFromEvent,
  draftToInput,
  EventFields,
  hasTimeProblems,
  type EditContext,
  type EventDraft,
} from '../../components/event-form';
import { ErrorSummary, Field, TimeZoneSelect } from '../../components/ui';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import { FocusedHeading } from './focused-heading';

const MATERIAL: ReadonlyArray<keyof EventInput> = [
  'title',
  'startsAt',
  'endsAt',
  'timezone',
  'venueName',
  'venueAddress',
  'joinUrl',
];

const same = (key: keyof EventInput, a: unknown, b: unknown): boolean =>
  key === 'startsAt' || key === 'endsAt'
    ? new Date(String(a)).getTime() === new Date(String(b)).getTime()
    : JSON.stringify(a) === JSON.stringify(b);

/** Only what the organizer changed, so an edit never rewrites fields they did not touch. */
function changedFields(before: EventInput, after: EventInput): Partial<EventInput> {
  const changes: Record<string, unknown> = {};
  for (const key of Object.keys(after) as Array<keyof EventInput>) {
    if (!same(key, before[key], after[key])) changes[key] = after[key];
  }
  return changes;
}

type Scope = 'this' | 'following';
type Pending = { changes: Partial<EventInput>; material: boolean; calendars: number };

/**
 * An edit in two steps: review works out what changed and how many calendars a material change
 * reaches (the server counts them), confirm saves it. Any further edit drops the pending review.
 */
function useEventEdit(
  event: HearthEvent,
  onSaved: (e: HearthEvent | undefined, calendars: number) => void,
  onEditing: () => void,
) {
  const [draft, setDraft] = useState<EventDraft>(() => draftFromEvent(event));
  const [zone, setZone] = useState(event.timezone);
  const [scope, setScope] = useState<Scope>('this');
  const [pending, setPending] = useState<Pending | null>(null);
  const original = useMemo(() => draftToInput(draftFromEvent(event), event.timezone), [event]);
  // Published events have sent their invitations (the API checks the invitations themselves).
  const edit = useMemo<EditContext>(
    () => ({
      before: { startsAt: event.startsAt, endsAt: event.endsAt },
      invited: event.status === 'scheduled',
    }),
    [event],
  );
  const preview = useAction((eventId: string) => api.updatePreview(eventId));
  const save = useAction((changes: Partial<EventInput>, s: Scope) =>
    api.updateEvent(event.id, s === 'following' ? { ...changes, scope: s } : changes),
  );

  const review = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    onEditing();
    const input = draftToInput(draft, zone);
    if (!input || !original || hasTimeProblems(draft, zone, edit)) return;
    const changes = changedFields(original, input);
    if (Object.keys(changes).length === 0) {
      setPending({ changes, material: false, calendars: 0 });
      return;
    }
    const material = MATERIAL.some((k) => k in changes);
    const count =
      material && event.status === 'scheduled' ? await preview.run(event.id) : { calendarsToUpdate: 0 };
    if (count)
      setPending({
        changes,
        material: material && event.status === 'scheduled',
        calendars: count.calendarsToUpdate,
      });
  };

  const confirm = async (): Promise<void> => {
    if (!pending) return;
    const result = await save.run(pending.changes, scope);
    if (result) {
      setPending(null);
      onSaved(
        scope === 'this' && isEvent(result) ? result : undefined,
        pending.material ? pending.calendars : 0,
      );
    }
  };
  const editing =
    <T,>(setter: (value: T) => void) =>
    (value: T): void => {
      setter(value);
      setPending(null);
    };
  return {
    draft,
    setDraft: editing(setDraft),
    zone,
    setZone: editing(setZone),
    scope,
    setScope: editing(setScope),
    pending,
    clearPending: () => setPending(null),
    edit,
    preview,
    save,
    review,
    confirm,
  };
}

export function EditEvent({
  event,
  onSaved,
  onEditing,
}: {
  event: HearthEvent;
  onSaved: (e: HearthEvent | undefined, calendars: number) => void;
  onEditing: () => void;
}) {
  const { t } = useI18n();
  const form = useEventEdit(event, onSaved, onEditing);
  const { pending, preview, save } = form;
  return (
    <section className="card" aria-labelledby="edit-event">
      <h2 id="edit-event">{t('event.edit')}</h2>
      <form className="form" onSubmit={(e) => void form.review(e)} aria-describedby="edit-event-intro">
        <p id="edit-event-intro" className="muted">
          {t('event.editIntro')}
        </p>
        <Field label={t('eventForm.timezone')} name="timezone" error={save.error}>
          {(c) => <TimeZoneSelect name="timezone" value={form.zone} onChange={form.setZone} control={c} />}
        </Field>
        <EventFields
          draft={form.draft}
          zone={form.zone}
          onChange={form.setDraft}
          error={save.error}
          idPrefix="edit"
          edit={form.edit}
        />
        {event.seriesId ? <ScopeChoice scope={form.scope} onChange={form.setScope} /> : null}
        <ErrorSummary error={preview.error} />
        {!pending ? (
          <button type="submit" disabled={preview.pending}>
            {preview.pending ? t('event.checking') : t('event.review')}
          </button>
        ) : null}
      </form>
      {pending ? (
        <ConfirmUpdate
          pending={pending}
          save={save}
          onConfirm={() => void form.confirm()}
          onKeepEditing={form.clearPending}
        />
      ) : null}
    </section>
  );
}

/** For an event of a series: change this one, or this one and those after it. */
function ScopeChoice({ scope, onChange }: { scope: Scope; onChange: (scope: Scope) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="choices compact">
      <legend>{t('event.scope')}</legend>
      {(['this', 'following'] as const).map((s) => (
        <label key={s} className="choice">
          <input type="radio" name="scope" value={s} checked={scope === s} onChange={() => onChange(s)} />
          <span>{t(`event.scope.${s}`)}</span>
        </label>
      ))}
    </fieldset>
  );
}

/** What saving will do (nothing, no calendar change, or update n calendars), and the way back. */
function ConfirmUpdate({
  pending,
  save,
  onConfirm,
  onKeepEditing,
}: {
  pending: Pending;
  save: ReturnType<typeof useEventEdit>['save'];
  onConfirm: () => void;
  onKeepEditing: () => void;
}) {
  const { t } = useI18n();
  const nothing = Object.keys(pending.changes).length === 0;
  return (
    <div
      className="confirm-panel"
      role="region"
      aria-labelledby="confirm-heading"
      data-testid="update-confirm"
    >
      <FocusedHeading id="confirm-heading">
        {nothing
          ? t('event.noChanges')
          : pending.material
            ? t('event.willUpdate', { n: pending.calendars })
            : t('event.noCalendarChange')}
      </FocusedHeading>
      {!nothing && pending.material ? <p className="muted">{t('event.willUpdateWhy')}</p> : null}
      <ErrorSummary error={save.error} />
      <div className="button-row">
        {!nothing ? (
          <button type="button" onClick={onConfirm} disabled={save.pending}>
            {save.pending
              ? t('common.saving')
              : pending.material && pending.calendars > 0
                ? t('event.saveAndUpdate', { n: pending.calendars })
                : t('common.save')}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onKeepEditing}>
          {t('event.keepEditing')}
        </button>
      </div>
    </div>
  );
}
