import { useI18n, type MessageKey } from '../../i18n';

const REASON_TEXT: Partial<Record<string, MessageKey>> = {
  from_mismatch: 'reason.from_mismatch',
  attendee_mismatch: 'reason.attendee_mismatch',
  organizer_mismatch: 'reason.organizer_mismatch',
  uid_mismatch: 'reason.uid_mismatch',
  ambiguous_recipient: 'reason.ambiguous_recipient',
  multiple_attendees: 'reason.multiple_attendees',
  stale_sequence: 'reason.stale_sequence',
  recurrence_not_invited: 'reason.recurrence_not_invited',
  recurrence_unknown: 'reason.recurrence_unknown',
};

/** A refusal reason in words where there are some, always with its code. */
export function Reason({ reason, detail }: { reason: string | null; detail: string | null }) {
  const { t } = useI18n();
  if (!reason) return <>{t('common.none')}</>;
  const key = REASON_TEXT[reason];
  return (
    <>
      {key ? <>{t(key)} </> : null}
      <code>{reason}</code>
      {detail ? <span className="meta block">{detail}</span> : null}
    </>
  );
}
