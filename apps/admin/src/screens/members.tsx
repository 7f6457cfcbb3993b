import { useState, type FormEvent } from 'react';
import {
  api,
  GROUP_ROLES,
  INVITE_ROLES,
  type ApiError,
  type Group,
  type GroupRole,
  type Member,
  type MembershipStatus,
} from '../api';
import { Badge, ErrorSummary, Field, Loading, Notice } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { PendingInvites } from './pending-invites';

type Change = { role?: GroupRole; status?: MembershipStatus };

export function MembersSection({ group }: { group: Group }) {
  const { t } = useI18n();
  const members = useResource(() => api.members(group.slug), `members:${group.slug}`);
  const [outcome, setOutcome] = useState<{ name: string; error: ApiError | null } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const canManage = group.permissions.manageMembers;
  // Bumped when an invitation is sent, so the pending list shows it.
  const [invitesVersion, setInvitesVersion] = useState(0);

  const change = async (member: Member, changes: Change): Promise<void> => {
    setBusy(member.userId);
    setOutcome(null);
    try {
      await api.updateMember(group.slug, member.userId, changes);
      setOutcome({ name: member.displayName, error: null });
    } catch (error) {
      setOutcome({ name: member.displayName, error: error as ApiError });
    } finally {
      setBusy(null);
      members.reload();
    }
  };

  return (
    <>
      {canManage ? <InviteForm group={group} onSent={() => setInvitesVersion((n) => n + 1)} /> : null}
      {canManage ? <PendingInvites group={group} version={invitesVersion} /> : null}
      <section className="card" aria-labelledby="members-heading">
        <h2 id="members-heading">{t('groupPage.tab.members')}</h2>
        {members.loading && !members.data ? <Loading /> : null}
        <ErrorSummary error={members.error} />
        {outcome?.error ? (
          <ErrorSummary error={outcome.error} title={t('members.updateFailed', { name: outcome.name })} />
        ) : null}
        {outcome && !outcome.error ? <Notice>{t('members.updated', { name: outcome.name })}</Notice> : null}
        {members.data && members.data.length === 0 ? (
          <p className="muted">{group.permissions.moderate ? t('members.empty') : t('members.noAccess')}</p>
        ) : null}
        {members.data && members.data.length > 0 ? (
          <div className="table-wrap">
            <table className="members">
              <thead>
                <tr>
                  <th scope="col">{t('members.name')}</th>
                  <th scope="col">{t('members.pronouns')}</th>
                  <th scope="col">{t('members.role')}</th>
                  <th scope="col">{t('members.status')}</th>
                  <th scope="col">{t('members.joined')}</th>
                  {canManage ? <th scope="col">{t('members.actions')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {members.data.map((m) => (
                  <MemberRow
                    key={m.userId}
                    member={m}
                    canManage={canManage}
                    busy={busy === m.userId}
                    onChange={(c) => void change(m, c)}
                  />
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

function MemberRow({
  member,
  canManage,
  busy,
  onChange,
}: {
  member: Member;
  canManage: boolean;
  busy: boolean;
  onChange: (c: Change) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const { user } = useSession();
  const isMe = member.userId === user.id;
  return (
    <tr data-member={member.userId} aria-busy={busy || undefined}>
      <th scope="row">
        {member.displayName} {isMe ? <span className="muted">{t('members.you')}</span> : null}
      </th>
      <td data-label={t('members.pronouns')}>{member.pronouns ?? t('common.none')}</td>
      <td data-label={t('members.role')}>
        {canManage ? (
          <RoleSelect member={member} busy={busy} onChange={onChange} />
        ) : (
          t(`role.${member.role}`)
        )}
      </td>
      <td data-label={t('members.status')}>
        <Badge tone={member.status}>{t(`status.${member.status}`)}</Badge>
      </td>
      <td data-label={t('members.joined')}>{formatDateTime(member.joinedAt)}</td>
      {canManage ? (
        <td className="actions">
          <MemberActions member={member} isMe={isMe} busy={busy} onChange={onChange} />
        </td>
      ) : null}
    </tr>
  );
}

type MemberControlProps = { member: Member; busy: boolean; onChange: (c: Change) => void };

function RoleSelect({ member, busy, onChange }: MemberControlProps) {
  const { t } = useI18n();
  const roleSelectId = `role-${member.userId}`;
  return (
    <>
      <label htmlFor={roleSelectId} className="visually-hidden">
        {t('members.roleFor', { name: member.displayName })}
      </label>
      <select
        id={roleSelectId}
        value={member.role}
        disabled={busy}
        onChange={(e) => onChange({ role: e.target.value as GroupRole })}
      >
        {GROUP_ROLES.map((r) => (
          <option key={r} value={r}>
            {t(`role.${r}`)}
          </option>
        ))}
      </select>
    </>
  );
}

/** Approve a pending member, ban, or lift a ban (never on oneself). */
function MemberActions({ member, isMe, busy, onChange }: MemberControlProps & { isMe: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {member.status === 'pending' ? (
        <button
          type="button"
          className="small"
          disabled={busy}
          onClick={() => onChange({ status: 'active' })}
        >
          {t('members.approve')}
          <span className="visually-hidden"> {member.displayName}</span>
        </button>
      ) : null}
      {member.status !== 'banned' && !isMe ? (
        <button
          type="button"
          className="small danger"
          disabled={busy}
          onClick={() => onChange({ status: 'banned' })}
        >
          {t('members.ban')}
          <span className="visually-hidden"> {member.displayName}</span>
        </button>
      ) : null}
      {member.status === 'banned' ? (
        <button
          type="button"
          className="small secondary"
          disabled={busy}
          onClick={() => onChange({ status: 'active' })}
        >
          {t('members.unban')}
          <span className="visually-hidden"> {member.displayName}</span>
        </button>
      ) : null}
    </>
  );
}

function InviteForm({ group, onSent }: { group: Group; onSent: () => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Exclude<GroupRole, 'owner'>>('member');
  const invite = useAction((address: string, r: Exclude<GroupRole, 'owner'>) =>
    api.invite(group.slug, address, r).then(() => address),
  );
  const canInviteOrganizers = group.membership?.role === 'owner';

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const sent = await invite.run(email.trim(), role);
    if (sent) {
      setEmail('');
      onSent();
    }
  };

  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">{t('members.inviteHeading')}</h2>
      <p className="muted">{t('members.inviteIntro')}</p>
      <form className="inline-form" onSubmit={(e) => void submit(e)}>
        <Field label={t('members.inviteEmail')} name="email" error={invite.error}>
          {(c) => (
            <input
              {...c}
              type="email"
              name="invite-email"
              required
              autoComplete="off"
              dir="ltr"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('members.inviteRole')} name="role" error={invite.error}>
          {(c) => (
            <select
              {...c}
              name="invite-role"
              value={role}
              onChange={(e) => setRole(e.target.value as Exclude<GroupRole, 'owner'>)}
            >
              {INVITE_ROLES.filter((r) => r !== 'organizer' || canInviteOrganizers).map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={invite.pending}>
          {invite.pending ? t('members.inviteSending') : t('members.inviteSubmit')}
        </button>
      </form>
      <ErrorSummary error={invite.error} />
      {invite.result && !invite.pending ? (
        <Notice>{t('members.invited', { email: invite.result })}</Notice>
      ) : null}
    </section>
  );
}
