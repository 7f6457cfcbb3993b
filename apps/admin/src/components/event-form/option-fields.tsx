import { ATTENDEE_VISIBILITIES, type AttendeeVisibility } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../ui';
import type { SectionProps } from './section';

/** How many may come (in person, online), and whether a waitlist takes the rest. */
export function CapacityFields({ draft, set, error, name, idPrefix }: SectionProps) {
  const { t } = useI18n();
  return (
    <>
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
    </>
  );
}

/** Settings most events leave alone, folded away unless the API has something to say about one. */
export function MoreOptions({ draft, set, error, name, idPrefix }: SectionProps) {
  const { t } = useI18n();
  const moreProblems =
    error !== null &&
    ['guestsAllowed', 'attendeeVisibility', 'approvalRequired', 'cocRequired', 'tags'].some(
      (f) => error.problemsFor(name(f)).length > 0,
    );
  return (
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
      <ApprovalChecks draft={draft} set={set} idPrefix={idPrefix} />
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
  );
}

function ApprovalChecks({ draft, set, idPrefix }: Pick<SectionProps, 'draft' | 'set' | 'idPrefix'>) {
  const { t } = useI18n();
  return (
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
  );
}
