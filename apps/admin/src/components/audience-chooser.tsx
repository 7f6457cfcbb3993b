import { useEffect, useState } from 'react';
import { GROUP_ROLES, type ApiError, type AudienceInput, type AudiencePreview, type GroupRole } from '../api';
import { useResource } from '../hooks';
import { useI18n } from '../i18n';
import { ErrorSummary, Field } from './ui';

/** The organizer's choice of who is invited, as the form holds it. */
export interface AudienceChoice {
  topicParticipants: boolean;
  allMembers: boolean;
  roles: GroupRole[];
  people: string;
}

export const emptyAudience = (topicParticipants = false): AudienceChoice => ({
  topicParticipants,
  allMembers: false,
  roles: [],
  people: '',
});

/** The API's audience for a choice; topic participants only where there is a topic. */
export function toAudience(choice: AudienceChoice, withTopic: boolean): AudienceInput {
  return {
    ...(withTopic ? { topicParticipants: choice.topicParticipants } : {}),
    allMembers: choice.allMembers,
    roles: choice.allMembers ? [] : choice.roles,
    people: choice.people,
  };
}

export const isEmptyChoice = (choice: AudienceChoice, withTopic: boolean): boolean =>
  !(withTopic && choice.topicParticipants) &&
  !choice.allMembers &&
  choice.roles.length === 0 &&
  choice.people.trim() === '';

/** The choice once it has stopped changing for a moment, so the preview is not asked per keystroke. */
function useSettled<T>(value: T, ms = 400): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * Who is invited: topic participants (a series), all members, members with roles, pasted people;
 * with a live preview of how many will be invited and how many are skipped, and why.
 */
export function AudienceChooser({
  choice,
  onChange,
  withTopic,
  preview,
  error,
  name = 'audience',
}: {
  choice: AudienceChoice;
  onChange: (next: AudienceChoice) => void;
  withTopic: boolean;
  /** Asks the API what the audience would do (nothing is invited). */
  preview: (audience: AudienceInput) => Promise<AudiencePreview>;
  error?: ApiError | null;
  /** Where the API's field problems for this audience are named (`audience`, or `` for "add people"). */
  name?: string;
}) {
  const { t } = useI18n();
  const settled = useSettled(choice);
  const empty = isEmptyChoice(settled, withTopic);
  const key = JSON.stringify(toAudience(settled, withTopic));
  const counts = useResource(
    () => (empty ? Promise.resolve(null) : preview(toAudience(settled, withTopic))),
    `audience:${key}`,
  );
  const set = (changes: Partial<AudienceChoice>) => onChange({ ...choice, ...changes });
  const peopleField = name ? `${name}.people` : 'people';
  return (
    <fieldset className="choices audience" data-audience>
      <legend>{t('audience.legend')}</legend>
      <AudienceParts choice={choice} set={set} withTopic={withTopic} />
      <Field
        label={t('audience.people')}
        hint={t('audience.peopleHint')}
        optional
        name={peopleField}
        error={error}
      >
        {(c) => (
          <textarea
            {...c}
            name="audience-people"
            rows={4}
            value={choice.people}
            onChange={(e) => set({ people: e.target.value })}
          />
        )}
      </Field>
      <AudienceSummary preview={counts.data ?? null} empty={empty} loading={counts.loading} />
      <ErrorSummary error={counts.error} />
    </fieldset>
  );
}

function AudienceSummary({
  preview,
  empty,
  loading,
}: {
  preview: AudiencePreview | null;
  empty: boolean;
  loading: boolean;
}) {
  const { t } = useI18n();
  let text: string;
  if (empty) text = t('audience.nobody');
  else if (!preview) text = loading ? t('audience.counting') : '';
  else {
    const skipped = preview.optedOut + preview.banned + preview.alreadyInvited;
    text = t('audience.summary', {
      n: preview.toInvite,
      m: skipped,
      optedOut: preview.optedOut,
      banned: preview.banned,
      already: preview.alreadyInvited,
    });
  }
  return (
    <div className="audience-preview">
      <p role="status" aria-live="polite" data-audience-preview>
        {text}
      </p>
      {preview && preview.guests > 0 ? (
        <p className="muted">{t('audience.guests', { n: preview.guests })}</p>
      ) : null}
      {preview && preview.invalid.length > 0 ? (
        <div className="error-summary" role="alert">
          <p className="error-title">{t('audience.invalid', { n: preview.invalid.length })}</p>
          <ul>
            {preview.invalid.map((entry) => (
              <li key={entry}>
                <code>{entry}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** The member parts of an audience: topic participants, all members, roles. */
function AudienceParts({
  choice,
  set,
  withTopic,
}: {
  choice: AudienceChoice;
  set: (changes: Partial<AudienceChoice>) => void;
  withTopic: boolean;
}) {
  const { t } = useI18n();
  const toggleRole = (role: GroupRole, on: boolean) =>
    set({ roles: on ? [...choice.roles, role] : choice.roles.filter((r) => r !== role) });
  return (
    <>
      {withTopic ? (
        <label className="choice">
          <input
            type="checkbox"
            name="audience-topic"
            checked={choice.topicParticipants}
            onChange={(e) => set({ topicParticipants: e.target.checked })}
          />{' '}
          {t('audience.topicParticipants')}
        </label>
      ) : null}
      <label className="choice">
        <input
          type="checkbox"
          name="audience-all"
          checked={choice.allMembers}
          onChange={(e) => set({ allMembers: e.target.checked })}
        />{' '}
        {t('audience.allMembers')}
      </label>
      <div className="audience-roles" role="group" aria-label={t('audience.roles')}>
        <span className="muted">{t('audience.roles')}</span>
        {GROUP_ROLES.map((role) => (
          <label key={role} className="choice">
            <input
              type="checkbox"
              name={`audience-role-${role}`}
              disabled={choice.allMembers}
              checked={choice.allMembers || choice.roles.includes(role)}
              onChange={(e) => toggleRole(role, e.target.checked)}
            />{' '}
            {t(`role.${role}`)}
          </label>
        ))}
      </div>
    </>
  );
}
