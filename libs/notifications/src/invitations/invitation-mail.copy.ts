import type { Locale } from '@app/core';

export const INVITATION_MAIL_KINDS = [
  'invitation',
  'update',
  'cancellation',
  'removed',
  'waitlisted',
  'pending',
  'maybe',
  'confirmed',
  'reminder',
] as const;
export type InvitationMailKind = (typeof INVITATION_MAIL_KINDS)[number];

/** What a material change touched, named in the update mail. */
export type EventChange = 'time' | 'place' | 'join-link';
export type ReminderLead = '24h' | '1h';

export interface InvitationMailCopy {
  heading: Record<InvitationMailKind, (title: string) => string>;
  greeting: (name: string) => string;
  invitation: (group: string, title: string) => string;
  update: (group: string, title: string, changes: readonly EventChange[]) => string;
  cancellation: (group: string, title: string) => string;
  removed: (title: string) => string;
  waitlisted: (title: string) => string;
  pending: (title: string) => string;
  tentative: (title: string) => string;
  confirmed: (title: string) => string;
  reminder: (title: string, lead: ReminderLead) => string;
  when: string;
  eventZone: string;
  where: string;
  ask: string;
  change: string;
  going: string;
  maybe: string;
  cantGo: string;
  viewEvent: string;
  answerFooter: string;
  sentFor: (group: string) => string;
}

const list = (items: string[], comma: string, and: string): string =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(comma)}${and}${items[items.length - 1]}`;

const EN_CHANGES: Record<EventChange, string> = {
  time: 'the time',
  place: 'the place',
  'join-link': 'the join link',
};
const AR_CHANGES: Record<EventChange, string> = {
  time: 'الموعد',
  place: 'المكان',
  'join-link': 'رابط الانضمام',
};

export const INVITATION_MAIL_COPY: Record<Locale, InvitationMailCopy> = {
  en: {
    heading: {
      invitation: (t) => `You're invited: ${t}`,
      update: (t) => `Updated: ${t}`,
      cancellation: (t) => `Cancelled: ${t}`,
      removed: (t) => `No longer on the guest list: ${t}`,
      waitlisted: (t) => `On the waitlist: ${t}`,
      pending: (t) => `Waiting for approval: ${t}`,
      maybe: (t) => `Maybe: ${t}`,
      confirmed: (t) => `Your place is confirmed: ${t}`,
      reminder: (t) => `Reminder: ${t}`,
    },
    greeting: (name) => `Hi ${name},`,
    invitation: (g, t) => `${g} invites you to ${t}.`,
    update: (g, t, c) =>
      `${g} changed ${
        c.length
          ? list(
              c.map((x) => EN_CHANGES[x]),
              ', ',
              ' and ',
            )
          : 'the details'
      } of ${t}. If it is in your calendar, it updates too.`,
    cancellation: (g, t) => `${g} cancelled ${t}. If it is in your calendar, it will be removed.`,
    removed: (t) =>
      `You are no longer on the guest list for ${t}. If it is in your calendar, it will be removed.`,
    waitlisted: (t) =>
      `${t} is full, so you are on the waitlist. If a place opens up, it is yours and we will email you.`,
    pending: (t) =>
      `Thanks for answering ${t}. The organizers approve each place; we will email you when they have decided.`,
    tentative: (t) => `We noted that you might come to ${t}. Your calendar shows it as tentative.`,
    confirmed: (t) => `Your place at ${t} is confirmed. Your calendar entry now has the full details.`,
    reminder: (t, lead) => `${t} starts in ${lead === '1h' ? '1 hour' : '24 hours'}.`,
    when: 'When',
    eventZone: 'Local time of the event',
    where: 'Where',
    ask: 'Will you come?',
    change: 'Change your answer:',
    going: 'Going',
    maybe: 'Maybe',
    cantGo: "Can't go",
    viewEvent: 'View the event',
    answerFooter:
      'You can also answer from your calendar app. The buttons answer for you personally, so please do not forward this email.',
    sentFor: (g) => `Sent by Hearth for ${g}.`,
  },
  ar: {
    heading: {
      invitation: (t) => `دعوة: ${t}`,
      update: (t) => `تحديث: ${t}`,
      cancellation: (t) => `إلغاء: ${t}`,
      removed: (t) => `إزالة من قائمة المدعوين: ${t}`,
      waitlisted: (t) => `قائمة الانتظار: ${t}`,
      pending: (t) => `بانتظار الموافقة: ${t}`,
      maybe: (t) => `ربما: ${t}`,
      confirmed: (t) => `تأكيد مكانك: ${t}`,
      reminder: (t) => `تذكير: ${t}`,
    },
    greeting: (name) => `مرحبًا ${name}،`,
    invitation: (g, t) => `تدعوك ${g} إلى «${t}».`,
    update: (g, t, c) =>
      `عدّلت ${g} ${
        c.length
          ? list(
              c.map((x) => AR_CHANGES[x]),
              '، ',
              ' و',
            )
          : 'التفاصيل'
      } في «${t}». إن كانت الفعالية في تقويمك فستتحدّث هناك أيضًا.`,
    cancellation: (g, t) => `ألغت ${g} فعالية «${t}». إن كانت في تقويمك فستُزال منه.`,
    removed: (t) => `لم تعد ضمن قائمة المدعوين إلى «${t}». إن كانت الفعالية في تقويمك فستُزال منه.`,
    waitlisted: (t) =>
      `اكتملت المقاعد في «${t}»، لذا أنت على قائمة الانتظار. إذا شغر مكان فسيكون لك وسنراسلك.`,
    pending: (t) => `شكرًا لردّك على «${t}». يوافق المنظّمون على كل مكان، وسنراسلك عندما يقرّرون.`,
    tentative: (t) => `سجّلنا أنك قد تحضر «${t}». يظهر الموعد في تقويمك كموعد مبدئي.`,
    confirmed: (t) => `تأكّد مكانك في «${t}». أصبح الموعد في تقويمك يتضمّن كل التفاصيل.`,
    reminder: (t, lead) => `تبدأ «${t}» بعد ${lead === '1h' ? 'ساعة' : '24 ساعة'}.`,
    when: 'الموعد',
    eventZone: 'بالتوقيت المحلي للفعالية',
    where: 'المكان',
    ask: 'هل ستحضر؟',
    change: 'لتغيير ردّك:',
    going: 'سأحضر',
    maybe: 'ربما',
    cantGo: 'لن أحضر',
    viewEvent: 'عرض الفعالية',
    answerFooter:
      'يمكنك الرد من تطبيق التقويم أيضًا. الأزرار تردّ باسمك شخصيًا، لذا يُرجى عدم إعادة توجيه هذه الرسالة.',
    sentFor: (g) => `أُرسلت عبر Hearth نيابةً عن ${g}.`,
  },
};
