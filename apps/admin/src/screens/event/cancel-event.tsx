import { useState } from 'react';
import { api, type HearthEvent } from '../../api';
import { ErrorSummary } from '../../components/ui';
import { useAction } from '../../hooks';
import { useI18n } from '../../i18n';
import { FocusedHeading } from './focused-heading';

export function CancelEvent({
  event,
  onCancelled,
}: {
  event: HearthEvent;
  onCancelled: (e?: HearthEvent) => void;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<number | null>(null);
  const preview = useAction((eventId: string) => api.updatePreview(eventId));
  const cancel = useAction((eventId: string) => api.cancelEvent(eventId));
  const ask = async (): Promise<void> => {
    const count = event.status === 'scheduled' ? await preview.run(event.id) : { calendarsToUpdate: 0 };
    if (count) setAsking(count.calendarsToUpdate);
  };
  return (
    <section className="card danger-zone" aria-labelledby="cancel-event">
      <h2 id="cancel-event">{t('event.cancelHeading')}</h2>
      <p className="muted">{t('event.cancelIntro')}</p>
      <ErrorSummary error={preview.error ?? cancel.error} />
      {asking === null ? (
        <button type="button" className="danger" onClick={() => void ask()} disabled={preview.pending}>
          {t('event.cancel')}
        </button>
      ) : (
        <div className="confirm-panel">
          <FocusedHeading id="cancel-confirm">{t('event.cancelConfirm', { n: asking })}</FocusedHeading>
          <div className="button-row">
            <button
              type="button"
              className="danger"
              disabled={cancel.pending}
              onClick={() =>
                void cancel.run(event.id).then((e) => {
                  if (e) onCancelled(e);
                })
              }
            >
              {t('event.cancelYes')}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
              {t('event.cancelNo')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
