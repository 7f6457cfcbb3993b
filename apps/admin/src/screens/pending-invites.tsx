import { useState } from 'react';
import { api, type ApiError, type Group, type PendingGroupInvite } from '../api';
import { Badge, ErrorSummary, Loading, Notice } from '../components/ui';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';

type Outcome = { text: string; error: ApiError | null };

/**
 * A group's membership invitations nobody accepted yet, for those who manage members: resend (a new
 * link and a new expiry; the old link stops working) or revoke (the link stops working).
 */
export function PendingInvites({ group, version }: { group: Group; version: number }) {
  const { t } = useI18n();
  const invites = useResource(() => api.groupInvites(group.slug), `group-invites:${group.slug}:${version}`);
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const run = async (invite: PendingGroupInvite, action: 'resend' | 'revoke') => {
    setBusy(invite.id);
    setOutcome(null);
    try {
      if (action === 'resend') await api.resendGroupInvite(group.slug, invite.id);
      else await api.revokeGroupInvite(group.slug, invite.id);
      const key = action === 'resend' ? 'pendingInvites.resent' : 'pendingInvites.revoked';
      setOutcome({ text: t(key, { email: invite.email }), error: null });
    } catch (error) {
      setOutcome({ text: t('pendingInvites.failed', { email: invite.email }), error: error as ApiError });
    } finally {
      setBusy(null);
      invites.reload();
    }
  };

  return (
    <section className="card" aria-labelledby="pending-invites-heading">
      <h2 id="pending-invites-heading">{t('pendingInvites.heading')}</h2>
      {invites.loading && !invites.data ? <Loading /> : null}
      <ErrorSummary error={invites.error} />
      {outcome?.error ? <ErrorSummary error={outcome.error} title={outcome.text} /> : null}
      {outcome && !outcome.error ? <Notice>{outcome.text}</Notice> : null}
      {invites.data && invites.data.length === 0 ? (
        <p className="muted">{t('pendingInvites.empty')}</p>
      ) : null}
      {invites.data && invites.data.length > 0 ? (
        <PendingTable
          invites={invites.data}
          busy={busy}
          onAction={(invite, action) => void run(invite, action)}
        />
      ) : null}
    </section>
  );
}

function PendingTable({
  invites,
  busy,
  onAction,
}: {
  invites: PendingGroupInvite[];
  busy: string | null;
  onAction: (invite: PendingGroupInvite, action: 'resend' | 'revoke') => void;
}) {
  const { t, formatDateTime } = useI18n();
  return (
    <div className="table-wrap">
      <table className="pending-invites">
        <thead>
          <tr>
            <th scope="col">{t('pendingInvites.email')}</th>
            <th scope="col">{t('members.role')}</th>
            <th scope="col">{t('pendingInvites.invitedBy')}</th>
            <th scope="col">{t('pendingInvites.expires')}</th>
            <th scope="col">{t('pendingInvites.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {invites.map((invite) => (
            <tr key={invite.id} data-invite={invite.id}>
              <th scope="row">
                <bdi>{invite.email}</bdi>
              </th>
              <td data-label={t('members.role')}>
                <Badge tone="role">{t(`role.${invite.role as 'member'}`)}</Badge>
              </td>
              <td data-label={t('pendingInvites.invitedBy')}>
                {invite.invitedBy?.displayName ?? t('common.none')}
                <br />
                <span className="muted">{formatDateTime(invite.createdAt)}</span>
              </td>
              <td data-label={t('pendingInvites.expires')}>
                {invite.expired ? (
                  <Badge tone="banned">{t('pendingInvites.expired')}</Badge>
                ) : (
                  formatDateTime(invite.expiresAt)
                )}
              </td>
              <td data-label={t('pendingInvites.actions')}>
                <div className="button-row">
                  <button
                    type="button"
                    className="secondary small"
                    disabled={busy === invite.id}
                    onClick={() => onAction(invite, 'resend')}
                  >
                    {t('pendingInvites.resend')}
                  </button>
                  <button
                    type="button"
                    className="danger small"
                    disabled={busy === invite.id}
                    onClick={() => onAction(invite, 'revoke')}
                  >
                    {t('pendingInvites.revoke')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
