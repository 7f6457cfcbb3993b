import { MAIL_MESSAGES, translator, type Language } from '@app/i18n';
import type { SeriesInfo } from './ics/calendar-event';

/** Labels shared by the calendar DESCRIPTION and the invitation e-mails, so both say the same thing. */
export interface EventLabels {
  eventPage: string;
  discussion: string;
  joinOnline: string;
  series: (series: SeriesInfo) => string;
  withheld: string;
}

/** The labels in one language, worded by the `mail` catalogue (`event.*` keys). */
export function eventLabels(language: Language): EventLabels {
  const t = translator(MAIL_MESSAGES, language);
  return {
    eventPage: t('event.eventPage'),
    discussion: t('event.discussion'),
    joinOnline: t('event.joinOnline'),
    series: (s) =>
      t('event.series', {
        title: s.title,
        hasTotal: s.total ? 'yes' : 'no',
        position: String(s.position),
        total: String(s.total),
      }),
    withheld: t('event.withheld'),
  };
}
