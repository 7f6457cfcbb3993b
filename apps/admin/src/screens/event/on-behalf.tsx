import { useState } from 'react';
import type { Attendee, RsvpStatus } from '../../api';
import { useI18n } from '../../i18n';

export type OnBehalfAnswer = 'going' | 'maybe' | 'declined';
const ON_BEHALF_ANSWERS: readonly OnBehalfAnswer[] = ['going', 'maybe', 'declined'];

/**
 * An organizer sets someone's answer for them (told by phone, say): the same RSVP rules as the web,
 * recorded with source "organizer" in the history.
 */
export function OnBehalf({
  attendee,
  current,
  disabled,
  onSet,
}: {
  attendee: Attendee;
  current: RsvpStatus;
  disabled: boolean;
  onSet: (answer: OnBehalfAnswer) => void;
}) {
  const { t } = useI18n();
  const initial = ON_BEHALF_ANSWERS.find((a) => a !== current) ?? 'going';
  const [answer, setAnswer] = useState<OnBehalfAnswer>(initial);
  const id = `on-behalf-${attendee.userId}`;
  return (
    <span className="on-behalf">
      <label htmlFor={id} className="visually-hidden">
        {t('onBehalf.label', { name: attendee.displayName })}
      </label>
      <select id={id} value={answer} onChange={(e) => setAnswer(e.target.value as OnBehalfAnswer)}>
        {ON_BEHALF_ANSWERS.map((a) => (
          <option key={a} value={a}>
            {t(`rsvpStatus.${a}`)}
          </option>
        ))}
      </select>
      <button type="button" className="small secondary" disabled={disabled} onClick={() => onSet(answer)}>
        {t('onBehalf.set')}
        <span className="visually-hidden"> {attendee.displayName}</span>
      </button>
    </span>
  );
}
