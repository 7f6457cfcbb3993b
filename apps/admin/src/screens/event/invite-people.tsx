import { useState, type FormEvent } from 'react';
import { api, type HearthEvent } from '../../api';
import {
  AudienceChooser,
  emptyAudience,
  isEmptyChoice,
  toAudience,
  type AudienceChoice,
} from '../../components/audience-chooser';
import { ErrorSummary, Notice } from '../../components/ui';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';

/** "Invite people" on an event: an audience, its live preview, and the counts of what was done. */
export function InvitePeople({ event, onInvited }: { event: HearthEvent; onInvited?: () => void }) {
  const { t } = useI18n();
  const withTopic = event.topicId !== null && event.topicId !== undefined;
  const [choice, setChoice] = useState<AudienceChoice>(() => emptyAudience());
  const invite = useAction((eventId: string, c: AudienceChoice) =>
    api.addPeople(eventId, toAudience(c, withTopic)),
  );
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (isEmptyChoice(choice, withTopic)) return;
    const done = await invite.run(event.id, choice);
    if (done) {
      setChoice(emptyAudience());
      onInvited?.();
    }
  };
  const done = invite.result;
  return (
    <section className="card" aria-labelledby="invite-people">
      <h2 id="invite-people">{t('invite.heading')}</h2>
      <p className="muted">{t('invite.hint')}</p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <AudienceChooser
          choice={choice}
          onChange={setChoice}
          withTopic={withTopic}
          preview={(audience) => api.eventAudiencePreview(event.id, audience)}
          error={invite.error}
          name=""
        />
        <ErrorSummary error={invite.error} />
        {done ? (
          <Notice>
            {t('invite.done', {
              invited: done.invited,
              already: done.alreadyInvited,
              banned: done.banned,
              guests: done.guests,
            })}
          </Notice>
        ) : null}
        <button type="submit" disabled={invite.pending || isEmptyChoice(choice, withTopic)}>
          {invite.pending ? t('invite.sending') : t('invite.submit')}
        </button>
      </form>
    </section>
  );
}
