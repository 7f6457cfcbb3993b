import { useState, type FormEvent } from 'react';
import { api, type ApiError, type Locale } from '../api';
import { ErrorSummary, Field, Notice, Page, TimeZoneSelect } from '../components/ui';
import { modernTimeZone } from '@app/i18n';
import { useAction } from '../hooks';
import { LOCALES, toLocale, useI18n } from '../i18n';
import { useSession } from '../session';

export function ProfileScreen() {
  const { t } = useI18n();
  return (
    <Page title={t('profile.title')}>
      <div className="two-columns">
        <ProfileForm />
        <PasswordForm />
      </div>
    </Page>
  );
}

function ProfileForm() {
  const { t } = useI18n();
  const { user, setUser } = useSession();
  const [displayName, setDisplayName] = useState(user.displayName);
  const [pronouns, setPronouns] = useState(user.pronouns ?? '');
  const [locale, setLocale] = useState(toLocale(user.locale));
  // No zone chosen yet: the browser's, by its modern name, until saved.
  const [timezone, setTimezone] = useState(
    user.timezone ?? modernTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone),
  );
  const [dirty, setDirty] = useState(false);
  const save = useAction(() =>
    api.updateProfile({
      displayName: displayName.trim(),
      pronouns: pronouns.trim() ? pronouns.trim() : null,
      locale,
      timezone,
    }),
  );
  const edit =
    <T,>(setter: (v: T) => void) =>
    (value: T): void => {
      setter(value);
      setDirty(true);
    };

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    setDirty(false);
    const updated = await save.run();
    // The whole app follows the new language, direction and time zone at once.
    if (updated) setUser(updated);
  };

  return (
    <section className="card" aria-labelledby="profile-details">
      <h2 id="profile-details">{t('profile.details')}</h2>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label={t('profile.email')}>
          {(c) => <input {...c} type="email" value={user.email} readOnly dir="ltr" />}
        </Field>
        <NameFields
          displayName={displayName}
          pronouns={pronouns}
          onDisplayName={edit(setDisplayName)}
          onPronouns={edit(setPronouns)}
          error={save.error}
        />
        <LanguageAndZone
          locale={locale}
          timezone={timezone}
          onLocale={edit(setLocale)}
          onTimezone={edit(setTimezone)}
          error={save.error}
        />
        <ErrorSummary error={save.error} />
        {save.result && !dirty && !save.pending ? <Notice>{t('profile.saved')}</Notice> : null}
        <button type="submit" disabled={save.pending}>
          {save.pending ? t('common.saving') : t('common.save')}
        </button>
      </form>
    </section>
  );
}

/** How other members see you: the name and pronouns shown beside your posts and RSVPs. */
function NameFields({
  displayName,
  pronouns,
  onDisplayName,
  onPronouns,
  error,
}: {
  displayName: string;
  pronouns: string;
  onDisplayName: (value: string) => void;
  onPronouns: (value: string) => void;
  error: ApiError | null;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field
        label={t('profile.displayName')}
        hint={t('profile.displayNameHint')}
        name="displayName"
        error={error}
      >
        {(c) => (
          <input
            {...c}
            name="displayName"
            required
            maxLength={100}
            autoComplete="nickname"
            value={displayName}
            onChange={(e) => onDisplayName(e.target.value)}
          />
        )}
      </Field>
      <Field
        label={t('profile.pronouns')}
        hint={t('profile.pronounsHint')}
        optional
        name="pronouns"
        error={error}
      >
        {(c) => (
          <input
            {...c}
            name="pronouns"
            maxLength={40}
            value={pronouns}
            onChange={(e) => onPronouns(e.target.value)}
          />
        )}
      </Field>
    </>
  );
}

/** The language and time zone the whole app follows once saved. */
function LanguageAndZone({
  locale,
  timezone,
  onLocale,
  onTimezone,
  error,
}: {
  locale: Locale;
  timezone: string;
  onLocale: (locale: Locale) => void;
  onTimezone: (zone: string) => void;
  error: ApiError | null;
}) {
  const { t } = useI18n();
  return (
    <>
      <Field label={t('profile.locale')} name="locale" error={error}>
        {(c) => (
          <select {...c} name="locale" value={locale} onChange={(e) => onLocale(toLocale(e.target.value))}>
            {LOCALES.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`locale.${l}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t('profile.timezone')} name="timezone" error={error}>
        {(c) => <TimeZoneSelect name="timezone" control={c} value={timezone} onChange={onTimezone} />}
      </Field>
    </>
  );
}

function PasswordForm() {
  const { t } = useI18n();
  const { user } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const save = useAction((n: string, c: string) => api.setPassword(n, c || undefined).then(() => true));

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (await save.run(next, current)) {
      setCurrent('');
      setNext('');
    }
  };

  return (
    <section className="card" aria-labelledby="profile-password">
      <h2 id="profile-password">{t('profile.passwordHeading')}</h2>
      <p className="muted">{t('profile.passwordIntro')}</p>
      <form className="form" onSubmit={(e) => void submit(e)}>
        {/* Lets password managers pair the new password with the account. */}
        <input type="email" name="username" autoComplete="username" value={user.email} readOnly hidden />
        <Field
          label={t('profile.currentPassword')}
          hint={t('profile.currentPasswordHint')}
          optional
          name="currentPassword"
          error={save.error}
        >
          {(c) => (
            <input
              {...c}
              type="password"
              name="current-password"
              autoComplete="current-password"
              dir="ltr"
              value={current}
              onChange={(e) => setCurrent(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('profile.newPassword')}
          hint={t('profile.newPasswordHint')}
          name="newPassword"
          error={save.error}
        >
          {(c) => (
            <input
              {...c}
              type="password"
              name="new-password"
              autoComplete="new-password"
              required
              minLength={10}
              maxLength={256}
              dir="ltr"
              value={next}
              onChange={(e) => {
                setNext(e.target.value);
                if (save.result) save.reset();
              }}
            />
          )}
        </Field>
        <ErrorSummary error={save.error} />
        {save.result ? <Notice>{t('profile.passwordSaved')}</Notice> : null}
        <button type="submit" disabled={save.pending}>
          {save.pending ? t('common.saving') : t('profile.setPassword')}
        </button>
      </form>
    </section>
  );
}
