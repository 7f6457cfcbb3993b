import type { Language } from '@app/i18n';
import type { SeriesInfo } from './ics/calendar-event';

/** Labels shared by the calendar DESCRIPTION and the invitation e-mails, so both say the same thing. */
export interface EventLabels {
  eventPage: string;
  discussion: string;
  joinOnline: string;
  series: (series: SeriesInfo) => string;
  withheld: string;
}

export const EVENT_LABELS: Record<Language, EventLabels> = {
  en: {
    eventPage: 'Event page',
    discussion: 'Discussion',
    joinOnline: 'Join online',
    series: (s) =>
      `Part of ${s.title} (${s.total ? `${s.position} of ${s.total}` : `session ${s.position}`})`,
    withheld: 'The address and join link are shared once your place is confirmed.',
  },
  ar: {
    eventPage: 'صفحة الفعالية',
    discussion: 'النقاش',
    joinOnline: 'رابط الانضمام عبر الإنترنت',
    series: (s) => `جزء من ${s.title} (${s.total ? `${s.position} من ${s.total}` : `الجلسة ${s.position}`})`,
    withheld: 'نشارك العنوان ورابط الانضمام بعد تأكيد مكانك.',
  },
};
