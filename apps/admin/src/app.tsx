import { useCallback, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, SIGNED_OUT_EVENT, type Locale, type User } from './api';
import { ErrorSummary, Loading } from './components/ui';
import { I18nProvider, directionOf, toLocale, useI18n } from './i18n';
import { renderRoute } from './routes';
import { BASE, Link, navigate, useLocation } from './router';
import { SignInScreen } from './screens/sign-in';
import { SessionContext, type Session } from './session';

const LOCALE_KEY = 'hearth.locale';

/** Before sign-in: the language chosen here before, else the browser's. After: the profile's. */
function anonymousLocale(): Locale {
  try {
    const stored = window.localStorage.getItem(LOCALE_KEY);
    if (stored) return toLocale(stored);
  } catch {
    // Storage can be off; the browser language is enough.
  }
  return (navigator.language || 'en').toLowerCase().startsWith('ar') ? 'ar' : 'en';
}

const RETURN_COOKIE = 'hearth_return_to';
const RETURN_PATH =
  /^\/(events|groups|topics|invites|networking)(\/[A-Za-z0-9._~%-]+)*\/?(\?[A-Za-z0-9._~%=&+-]*)?$/;

/**
 * A member who asked for a sign-in link on an event (or group, topic, invitation) page lands here
 * after using it; that page left where to go back to in a short-lived cookie. Read once, then gone.
 */
function takeReturnPath(): string | null {
  const match = document.cookie.split('; ').find((c) => c.startsWith(`${RETURN_COOKIE}=`));
  if (!match) return null;
  document.cookie = `${RETURN_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
  let path: string;
  try {
    path = decodeURIComponent(match.slice(RETURN_COOKIE.length + 1));
  } catch {
    return null;
  }
  return RETURN_PATH.test(path) ? path : null;
}

type Boot =
  { state: 'loading' } | { state: 'failed'; error: ApiError } | { state: 'ready'; user: User | null };

export function App() {
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const [chosenLocale, setChosenLocale] = useState<Locale>(anonymousLocale);

  const loadMe = useCallback(() => {
    setBoot({ state: 'loading' });
    api.me().then(
      (user) => {
        const back = window.location.pathname.replace(/\/+$/, '') === BASE ? takeReturnPath() : null;
        if (back) window.location.replace(back);
        else setBoot({ state: 'ready', user });
      },
      (error: ApiError) =>
        setBoot(error.statusCode === 401 ? { state: 'ready', user: null } : { state: 'failed', error }),
    );
  }, []);
  useEffect(loadMe, [loadMe]);

  useEffect(() => {
    const onSignedOut = (): void => setBoot({ state: 'ready', user: null });
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);

  const user = boot.state === 'ready' ? boot.user : null;
  const locale = user ? toLocale(user.locale) : chosenLocale;

  useLayoutEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dir = directionOf(locale);
  }, [locale]);

  const session = useMemo<Session | null>(
    () =>
      user
        ? {
            user,
            setUser: (next) => setBoot({ state: 'ready', user: next }),
            signOut: async () => {
              try {
                await api.logout();
              } catch {
                // Signed out either way: the session is gone or the cookie will be refused.
              }
              setBoot({ state: 'ready', user: null });
              navigate('/');
            },
          }
        : null,
    [user],
  );

  const switchLanguage = (): void => {
    const next: Locale = chosenLocale === 'ar' ? 'en' : 'ar';
    setChosenLocale(next);
    try {
      window.localStorage.setItem(LOCALE_KEY, next);
    } catch {
      // Not remembered; still switched for this visit.
    }
  };

  return (
    <I18nProvider locale={locale} timeZone={user?.timezone ?? undefined}>
      <SessionContext.Provider value={session}>
        <Shell session={session} onSwitchLanguage={switchLanguage}>
          {boot.state === 'loading' ? <Loading /> : null}
          {boot.state === 'failed' ? <BootFailed error={boot.error} onRetry={loadMe} /> : null}
          {boot.state === 'ready' && !session ? (
            // Reloaded once signed in, so the server decides who this app is for: a member who
            // organizes nowhere goes home, an account new to Hearth through its first step.
            <SignInScreen onSignedIn={() => window.location.reload()} />
          ) : null}
          {boot.state === 'ready' && session ? <Routes /> : null}
        </Shell>
      </SessionContext.Provider>
    </I18nProvider>
  );
}

function Routes() {
  const location = useLocation();
  // Keyed by path so each screen mounts fresh (its heading takes focus, its data loads).
  return <div key={location.path}>{renderRoute(location)}</div>;
}

function BootFailed({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  const { t } = useI18n();
  return (
    <>
      <ErrorSummary error={error} />
      <button type="button" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </>
  );
}

function Shell({
  session,
  onSwitchLanguage,
  children,
}: {
  session: Session | null;
  onSwitchLanguage: () => void;
  children: ReactNode;
}) {
  const { t, locale } = useI18n();
  const { path } = useLocation();
  const nav = session
    ? [
        {
          to: '/',
          label: t('nav.dashboard'),
          active:
            path === '/' ||
            path === '/new-group' ||
            ['/groups', '/topics', '/series', '/events'].some((p) => path.startsWith(p)),
        },
        { to: '/calendar', label: t('nav.calendar'), active: path === '/calendar' },
        { to: '/profile', label: t('nav.profile'), active: path === '/profile' },
        {
          to: session.user.instanceRole === 'owner' ? '/mail' : '/mail/inbound',
          label: t('nav.mail'),
          active: path.startsWith('/mail'),
        },
      ]
    : [];
  return (
    <>
      <a className="skip-link" href="#main">
        {t('nav.skip')}
      </a>
      <header className="site-header">
        <div className="header-inner">
          <Link to="/" className="brand">
            {t('app.name')}
          </Link>
          {session ? (
            <nav aria-label={t('nav.label')} className="main-nav">
              <ul>
                {nav.map((item) => (
                  <li key={item.to}>
                    <Link to={item.to} aria-current={item.active ? 'page' : undefined}>
                      {item.label}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
          ) : null}
          <div className="header-end">
            {session ? (
              <>
                <span className="who">{t('nav.signedInAs', { name: session.user.displayName })}</span>
                <button type="button" className="secondary small" onClick={() => void session.signOut()}>
                  {t('nav.signOut')}
                </button>
              </>
            ) : (
              <button
                type="button"
                className="secondary small"
                onClick={onSwitchLanguage}
                lang={locale === 'ar' ? 'en' : 'ar'}
              >
                {t('lang.other')}
              </button>
            )}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
