import { useState, type FormEvent } from 'react';
import { api, type User } from '../api';
import { ErrorSummary, Field, Notice, Page } from '../components/ui';
import { useAction } from '../hooks';
import { useI18n } from '../i18n';

export function SignInScreen({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useI18n();
  return (
    <div className="narrow">
      <Page title={t('signIn.title')}>
        <PasswordSignIn onSignedIn={onSignedIn} />
        <SignInLink />
      </Page>
    </div>
  );
}

function PasswordSignIn({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useAction((e: string, p: string) => api.login(e, p));
  const submitPassword = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await login.run(email.trim(), password);
    if (result) onSignedIn(result.user);
  };
  return (
    <section className="card" aria-labelledby="sign-in-password">
      <h2 id="sign-in-password">{t('signIn.passwordHeading')}</h2>
      <form onSubmit={(e) => void submitPassword(e)}>
        <Field label={t('signIn.email')} name="email" error={login.error}>
          {(c) => (
            <input
              {...c}
              type="email"
              name="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              dir="ltr"
            />
          )}
        </Field>
        <Field label={t('signIn.password')} name="password" error={login.error}>
          {(c) => (
            <input
              {...c}
              type="password"
              name="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              dir="ltr"
            />
          )}
        </Field>
        <ErrorSummary error={login.error} />
        <button type="submit" disabled={login.pending}>
          {login.pending ? t('signIn.submitting') : t('signIn.submit')}
        </button>
      </form>
    </section>
  );
}

function SignInLink() {
  const { t, locale } = useI18n();
  const [linkEmail, setLinkEmail] = useState('');
  const magic = useAction((e: string) => api.requestMagicLink(e, locale));
  const submitLink = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    // The emailed link brings this browser back here (the server reads the cookie once).
    document.cookie = `hearth_return_to=${encodeURIComponent(window.location.pathname)}; Max-Age=1800; Path=/; SameSite=Lax`;
    await magic.run(linkEmail.trim());
  };
  return (
    <section className="card" aria-labelledby="sign-in-link">
      <h2 id="sign-in-link">{t('signIn.linkHeading')}</h2>
      <p>{t('signIn.linkIntro')}</p>
      <form onSubmit={(e) => void submitLink(e)}>
        <Field label={t('signIn.email')} name="email" error={magic.error}>
          {(c) => (
            <input
              {...c}
              type="email"
              name="link-email"
              autoComplete="email"
              required
              value={linkEmail}
              onChange={(e) => {
                setLinkEmail(e.target.value);
                if (magic.result) magic.reset();
              }}
              dir="ltr"
            />
          )}
        </Field>
        <ErrorSummary error={magic.error} />
        {magic.result ? <Notice>{t('signIn.linkSent')}</Notice> : null}
        <button type="submit" className="secondary" disabled={magic.pending}>
          {magic.pending ? t('signIn.linkSending') : t('signIn.linkSubmit')}
        </button>
      </form>
    </section>
  );
}
