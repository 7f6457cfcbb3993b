import { Page } from '../components/ui';
import { useI18n } from '../i18n';
import { Link } from '../router';

export function NotFoundScreen() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.back')}</Link>
      </p>
    </Page>
  );
}
