import { api } from '../../api';
import { Badge } from '../../components/ui';
import { useResource } from '../../hooks';
import { useI18n } from '../../i18n';

/** Comments, delegations and proposed new times that came with calendar replies: for organizers only. */
export function ReplyNotes({ eventId }: { eventId: string }) {
  const { t, formatDateTime } = useI18n();
  const notes = useResource(() => api.inboundNotes(eventId), `notes:${eventId}`);
  if (!notes.data || notes.data.length === 0) return null;
  return (
    <section className="reply-notes" aria-labelledby="reply-notes-heading">
      <h3 id="reply-notes-heading">{t('rsvps.notes')}</h3>
      <ul className="item-list">
        {notes.data.map((n) => (
          <li key={n.messageId}>
            <strong>{n.invitee?.displayName ?? t('common.none')}</strong>
            <Badge tone="queued">{t(`note.${n.kind}`)}</Badge>
            {n.comment ? (
              <span className="prewrap" dir="auto">
                “{n.comment}”
              </span>
            ) : null}
            {n.delegatedTo?.length ? <span dir="ltr">→ {n.delegatedTo.join(', ')}</span> : null}
            <span className="meta">{formatDateTime(n.receivedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
