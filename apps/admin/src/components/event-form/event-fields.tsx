import type { ReactNode } from 'react';
import { EVENT_KINDS, type ApiError, type EventKind } from '../../api';
import { useI18n } from '../../i18n';
import { Field } from '../ui';
import type { EditContext, EventDraft } from './draft';
import { CapacityFields, MoreOptions } from './option-fields';
import { PlaceFields } from './place-fields';
import type { SectionProps } from './section';
import { TimeFields } from './time-fields';

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
  const section: SectionProps = {
    draft,
    onChange,
    set: (key, value) => onChange({ ...draft, [key]: value }),
    error,
    name: (field) => `${prefix}${field}`,
    idPrefix,
  };
  return (
    <div className="event-fields" data-kind={draft.kind}>
      {heading}
      <KindAndTitle {...section} />
      <TimeFields {...section} zone={zone} edit={edit} prefix={prefix} />
      <DescriptionField {...section} />
      <PlaceFields {...section} />
      <CapacityFields {...section} />
      <MoreOptions {...section} />
    </div>
  );
}

function KindAndTitle({ draft, set, error, name, idPrefix }: SectionProps) {
  const { t } = useI18n();
  return (
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
  );
}

function DescriptionField({ draft, set, error, name, idPrefix }: SectionProps) {
  const { t } = useI18n();
  return (
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
  );
}
