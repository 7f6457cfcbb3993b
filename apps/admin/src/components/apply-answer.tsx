import { useState } from 'react';
import { api, type ApiError, type ApplyPreview, type InboundMessage } from '../api';
import { useI18n } from '../i18n';
import { ErrorSummary } from './ui';

/**
 * Applying a quarantined or ignored calendar answer, in two steps: the server works out what it
 * would change (the person's RSVP from → to, or why the RSVP rules would refuse it) and only the
 * organizer's confirmation applies it.
 */
export function ApplyAnswer({
  message,
  disabled,
  onApplied,
}: {
  message: InboundMessage;
  disabled?: boolean;
  onApplied: (text: string) => void;
}) {
  const { t } = useI18n();
  const [preview, setPreview] = useState<ApplyPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  const review = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      setPreview(await api.applyPreview(message.id));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (): Promise<void> => {
    setBusy(true);
    setError(null);
    try {
      await api.applyQuarantined(message.id);
      setPreview(null);
      onApplied(t('quarantine.applied'));
    } catch (e) {
      setError(e as ApiError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="apply-answer" data-apply={message.id}>
      {preview ? (
        <ApplyConfirmation
          preview={preview}
          busy={busy}
          disabled={disabled}
          onConfirm={() => void confirm()}
          onCancel={() => setPreview(null)}
        />
      ) : (
        <button type="button" className="small" disabled={busy || disabled} onClick={() => void review()}>
          {t('applyAnswer.review')}
        </button>
      )}
      {error ? <ErrorSummary error={error} title={t('applyAnswer.failed')} /> : null}
    </div>
  );
}

/** What applying would change (or why the RSVP rules refuse it), with confirm and cancel. */
function ApplyConfirmation({
  preview,
  busy,
  disabled,
  onConfirm,
  onCancel,
}: {
  preview: ApplyPreview;
  busy: boolean;
  disabled?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const status = (s: ApplyPreview['from']) => (s ? t(`rsvpStatus.${s}`) : t('applyAnswer.noRsvp'));
  return (
    <div role="group" aria-label={t('applyAnswer.heading')} className="confirm">
      <p>
        <strong>{t('applyAnswer.heading')}</strong>{' '}
        <span data-testid="apply-change">
          {t('applyAnswer.change', {
            who: preview.person.displayName ?? preview.person.email ?? t('common.none'),
            event: preview.event.title ?? preview.event.id,
            from: status(preview.from),
            to: preview.to ? status(preview.to) : t(`rsvpStatus.${preview.answer}`),
          })}
        </span>
      </p>
      {preview.refusal ? (
        <p className="meta">{t('applyAnswer.refused', { message: preview.refusal.message })}</p>
      ) : null}
      {!preview.refusal && !preview.changed ? <p className="meta">{t('applyAnswer.unchanged')}</p> : null}
      <div className="button-row">
        <button
          type="button"
          className="small"
          disabled={busy || disabled || preview.refusal !== null}
          onClick={onConfirm}
        >
          {t('applyAnswer.confirm')}
        </button>
        <button type="button" className="small secondary" disabled={busy} onClick={onCancel}>
          {t('applyAnswer.cancel')}
        </button>
      </div>
    </div>
  );
}

/** Whether the log row carries an answer an organizer may apply (the server checks the same). */
export function canApply(m: InboundMessage): boolean {
  return (
    (m.outcome === 'quarantined' || m.outcome === 'ignored') &&
    m.resolution === null &&
    m.invitationId !== null &&
    m.partstat !== null
  );
}
