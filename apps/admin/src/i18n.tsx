import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Locale } from './api';

/** English is the reference table; every other locale must translate every key (checked by the compiler). */
const en = {
  'app.name': 'Hearth',
  'nav.label': 'Main',
  'nav.skip': 'Skip to main content',
  'nav.dashboard': 'Dashboard',
  'nav.profile': 'Profile',
  'nav.mail': 'Mail',
  'nav.signOut': 'Sign out',
  'nav.signedInAs': 'Signed in as {name}',
  'lang.other': 'العربية',
  'locale.en': 'English',
  'locale.ar': 'العربية',

  'common.loading': 'Loading…',
  'common.save': 'Save changes',
  'common.saving': 'Saving…',
  'common.refresh': 'Refresh',
  'common.retry': 'Try again',
  'common.optional': '(optional)',
  'common.none': '—',
  'error.title': 'That did not work',
  'error.code': 'Error code: {code}',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is nothing at this address.',
  'notFound.back': 'Back to the dashboard',

  'signIn.title': 'Sign in to Hearth',
  'signIn.passwordHeading': 'With your password',
  'signIn.email': 'Email address',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.submitting': 'Signing in…',
  'signIn.linkHeading': 'Or get a sign-in link',
  'signIn.linkIntro':
    'We email you a link that signs you in once. It works even if you have not set a password.',
  'signIn.linkSubmit': 'Email me a sign-in link',
  'signIn.linkSending': 'Sending…',
  'signIn.linkSent': 'If this address can sign in, a link is on its way. Check your inbox.',

  'dashboard.title': 'Dashboard',
  'dashboard.welcome': 'Welcome, {name}.',
  'dashboard.groups': 'My groups',
  'dashboard.newGroup': 'New group',
  'dashboard.noGroups': 'You are not in any group yet. Create one to get started.',
  'dashboard.events': 'Upcoming events',
  'dashboard.eventsSoon': 'Events and RSVPs will appear here once scheduling arrives in Hearth.',

  'role.owner': 'Owner',
  'role.organizer': 'Organizer',
  'role.moderator': 'Moderator',
  'role.member': 'Member',
  'status.active': 'Active',
  'status.pending': 'Waiting for approval',
  'status.banned': 'Banned',
  'visibility.public': 'Public',
  'visibility.unlisted': 'Unlisted',
  'visibility.private': 'Private',
  'visibilityHint.public': 'Listed publicly; anyone can join.',
  'visibilityHint.unlisted': 'Not listed; anyone with the link can see it and join.',
  'visibilityHint.private': 'Hidden from everyone but members; organizers approve each request to join.',

  'groupForm.createTitle': 'New group',
  'groupForm.name': 'Name',
  'groupForm.slug': 'Web address',
  'groupForm.slugHint': 'Lowercase letters, digits and hyphens. Used in links; it cannot be changed later.',
  'groupForm.description': 'Description',
  'groupForm.timezone': 'Time zone',
  'groupForm.timezoneHint': 'Event times are shown in this zone.',
  'groupForm.city': 'City',
  'groupForm.visibility': 'Who can find this group',
  'groupForm.coc': 'Code of conduct',
  'groupForm.cocHint': 'Members are asked to accept it before taking part.',
  'groupForm.create': 'Create group',
  'groupForm.creating': 'Creating…',
  'groupForm.saved': 'The group is saved.',

  'groupPage.sections': 'Group sections',
  'groupPage.tab.settings': 'Settings',
  'groupPage.tab.members': 'Members',
  'groupPage.yourRole': 'Your role: {role}',
  'groupPage.readOnly': 'Only organizers and owners can change these settings.',

  'members.name': 'Name',
  'members.pronouns': 'Pronouns',
  'members.role': 'Role',
  'members.status': 'Status',
  'members.joined': 'Joined',
  'members.actions': 'Actions',
  'members.approve': 'Approve',
  'members.ban': 'Ban',
  'members.unban': 'Unban',
  'members.roleFor': 'Role of {name}',
  'members.you': '(you)',
  'members.empty': 'No members to show.',
  'members.noAccess': 'Only moderators, organizers and owners can see who is in this group.',
  'members.updated': '{name}: saved.',
  'members.updateFailed': 'Could not change {name}',
  'members.inviteHeading': 'Invite by email',
  'members.inviteIntro':
    'The person gets an email with a link to join. It works once and expires after 14 days.',
  'members.inviteEmail': 'Email address',
  'members.inviteRole': 'Role',
  'members.inviteSubmit': 'Send invitation',
  'members.inviteSending': 'Sending…',
  'members.invited': 'Invitation sent to {email}.',

  'profile.title': 'Profile',
  'profile.details': 'Your details',
  'profile.email': 'Email address',
  'profile.displayName': 'Display name',
  'profile.displayNameHint': 'Shown to other members. It does not need to be your legal name.',
  'profile.pronouns': 'Pronouns',
  'profile.pronounsHint': 'For example she/her or they/them. Leave empty to show none.',
  'profile.locale': 'Language',
  'profile.timezone': 'Time zone',
  'profile.saved': 'Your profile is saved.',
  'profile.passwordHeading': 'Password',
  'profile.passwordIntro': 'A password lets you sign in without an emailed link.',
  'profile.currentPassword': 'Current password',
  'profile.currentPasswordHint': 'Needed only to change a password you already have.',
  'profile.newPassword': 'New password',
  'profile.newPasswordHint': 'At least 10 characters. A few unrelated words make a good password.',
  'profile.setPassword': 'Set password',
  'profile.passwordSaved': 'Your password is set.',

  'mail.title': 'Mail',
  'mail.sections': 'Mail sections',
  'mail.tab.outbox': 'Outbox',
  'mail.tab.mailbox': 'Dev mailbox',
  'mail.ownerOnly': 'Only the instance owner can see mail.',
  'outbox.intro': 'Every email Hearth sends goes through the outbox. Messages that failed show the reason.',
  'outbox.filter': 'Show',
  'outbox.all': 'All statuses',
  'outbox.status.queued': 'Queued',
  'outbox.status.sending': 'Sending',
  'outbox.status.retrying': 'Retrying',
  'outbox.status.sent': 'Sent',
  'outbox.status.failed': 'Failed',
  'outbox.caption': 'Outbox messages, newest first',
  'outbox.purpose': 'Purpose',
  'outbox.status': 'Status',
  'outbox.attempts': 'Attempts',
  'outbox.created': 'Created',
  'outbox.next': 'Next attempt',
  'outbox.sentAt': 'Sent',
  'outbox.reason': 'Reason',
  'outbox.empty': 'No messages.',
  'outbox.counts': 'Counts',
  'mailbox.intro': 'No SMTP relay is configured, so Hearth keeps outgoing mail here instead of sending it.',
  'mailbox.off': 'The dev mailbox is off: this instance sends its mail through an SMTP relay.',
  'mailbox.caption': 'Messages, newest first',
  'mailbox.to': 'To',
  'mailbox.subject': 'Subject',
  'mailbox.received': 'Received',
  'mailbox.empty': 'The mailbox is empty.',
  'message.title': 'Message',
  'message.back': 'Back to the mailbox',
  'message.headers': 'Headers',
  'message.allHeaders': 'All headers',
  'message.text': 'Text',
  'message.noText': 'This message has no plain-text part.',
  'message.parts': 'Parts',
  'message.downloadEml': 'Download the message (.eml)',
  'message.downloadPart': 'Download {name}',
} as const;

export type MessageKey = keyof typeof en;

const ar: Record<MessageKey, string> = {
  'app.name': 'Hearth',
  'nav.label': 'الرئيسية',
  'nav.skip': 'انتقل إلى المحتوى الرئيسي',
  'nav.dashboard': 'لوحة التحكم',
  'nav.profile': 'الملف الشخصي',
  'nav.mail': 'البريد',
  'nav.signOut': 'تسجيل الخروج',
  'nav.signedInAs': 'مسجّل الدخول باسم {name}',
  'lang.other': 'English',
  'locale.en': 'English',
  'locale.ar': 'العربية',

  'common.loading': 'جارٍ التحميل…',
  'common.save': 'حفظ التغييرات',
  'common.saving': 'جارٍ الحفظ…',
  'common.refresh': 'تحديث',
  'common.retry': 'حاول مرة أخرى',
  'common.optional': '(اختياري)',
  'common.none': '—',
  'error.title': 'لم تنجح العملية',
  'error.code': 'رمز الخطأ: {code}',
  'notFound.title': 'الصفحة غير موجودة',
  'notFound.body': 'لا يوجد شيء على هذا العنوان.',
  'notFound.back': 'العودة إلى لوحة التحكم',

  'signIn.title': 'تسجيل الدخول إلى Hearth',
  'signIn.passwordHeading': 'بكلمة المرور',
  'signIn.email': 'البريد الإلكتروني',
  'signIn.password': 'كلمة المرور',
  'signIn.submit': 'تسجيل الدخول',
  'signIn.submitting': 'جارٍ تسجيل الدخول…',
  'signIn.linkHeading': 'أو احصل على رابط لتسجيل الدخول',
  'signIn.linkIntro': 'نرسل إليك رابطًا يسجّل دخولك مرة واحدة، ويعمل حتى لو لم تضبط كلمة مرور.',
  'signIn.linkSubmit': 'أرسل لي رابط تسجيل الدخول',
  'signIn.linkSending': 'جارٍ الإرسال…',
  'signIn.linkSent': 'إذا كان بإمكان هذا العنوان تسجيل الدخول فالرابط في طريقه إليك. تفقّد بريدك.',

  'dashboard.title': 'لوحة التحكم',
  'dashboard.welcome': 'أهلًا بك يا {name}.',
  'dashboard.groups': 'مجموعاتي',
  'dashboard.newGroup': 'مجموعة جديدة',
  'dashboard.noGroups': 'لست عضوًا في أي مجموعة بعد. أنشئ مجموعة للبدء.',
  'dashboard.events': 'الفعاليات القادمة',
  'dashboard.eventsSoon': 'ستظهر الفعاليات والردود هنا عندما تصبح الجدولة متاحة في Hearth.',

  'role.owner': 'مالك',
  'role.organizer': 'منظّم',
  'role.moderator': 'مشرف',
  'role.member': 'عضو',
  'status.active': 'نشط',
  'status.pending': 'بانتظار الموافقة',
  'status.banned': 'محظور',
  'visibility.public': 'عامة',
  'visibility.unlisted': 'غير مدرجة',
  'visibility.private': 'خاصة',
  'visibilityHint.public': 'مدرجة للعموم؛ يمكن لأي شخص الانضمام.',
  'visibilityHint.unlisted': 'غير مدرجة؛ يمكن لمن لديه الرابط رؤيتها والانضمام.',
  'visibilityHint.private': 'مخفية عن غير الأعضاء؛ يوافق المنظّمون على كل طلب انضمام.',

  'groupForm.createTitle': 'مجموعة جديدة',
  'groupForm.name': 'الاسم',
  'groupForm.slug': 'عنوان الويب',
  'groupForm.slugHint': 'أحرف لاتينية صغيرة وأرقام وشرطات. يُستخدم في الروابط ولا يمكن تغييره لاحقًا.',
  'groupForm.description': 'الوصف',
  'groupForm.timezone': 'المنطقة الزمنية',
  'groupForm.timezoneHint': 'تُعرض أوقات الفعاليات بهذه المنطقة.',
  'groupForm.city': 'المدينة',
  'groupForm.visibility': 'من يمكنه العثور على هذه المجموعة',
  'groupForm.coc': 'قواعد السلوك',
  'groupForm.cocHint': 'يُطلب من الأعضاء قبولها قبل المشاركة.',
  'groupForm.create': 'إنشاء المجموعة',
  'groupForm.creating': 'جارٍ الإنشاء…',
  'groupForm.saved': 'حُفظت المجموعة.',

  'groupPage.sections': 'أقسام المجموعة',
  'groupPage.tab.settings': 'الإعدادات',
  'groupPage.tab.members': 'الأعضاء',
  'groupPage.yourRole': 'دورك: {role}',
  'groupPage.readOnly': 'يمكن للمنظّمين والمالكين فقط تغيير هذه الإعدادات.',

  'members.name': 'الاسم',
  'members.pronouns': 'الضمائر',
  'members.role': 'الدور',
  'members.status': 'الحالة',
  'members.joined': 'تاريخ الانضمام',
  'members.actions': 'الإجراءات',
  'members.approve': 'موافقة',
  'members.ban': 'حظر',
  'members.unban': 'إلغاء الحظر',
  'members.roleFor': 'دور {name}',
  'members.you': '(أنت)',
  'members.empty': 'لا يوجد أعضاء لعرضهم.',
  'members.noAccess': 'يمكن للمشرفين والمنظّمين والمالكين فقط رؤية أعضاء هذه المجموعة.',
  'members.updated': '{name}: حُفظ التغيير.',
  'members.updateFailed': 'تعذّر تغيير {name}',
  'members.inviteHeading': 'دعوة بالبريد الإلكتروني',
  'members.inviteIntro': 'يصل إلى الشخص بريد فيه رابط للانضمام، يعمل مرة واحدة وتنتهي صلاحيته بعد 14 يومًا.',
  'members.inviteEmail': 'البريد الإلكتروني',
  'members.inviteRole': 'الدور',
  'members.inviteSubmit': 'إرسال الدعوة',
  'members.inviteSending': 'جارٍ الإرسال…',
  'members.invited': 'أُرسلت الدعوة إلى {email}.',

  'profile.title': 'الملف الشخصي',
  'profile.details': 'بياناتك',
  'profile.email': 'البريد الإلكتروني',
  'profile.displayName': 'الاسم الظاهر',
  'profile.displayNameHint': 'يظهر للأعضاء الآخرين، ولا يلزم أن يكون اسمك القانوني.',
  'profile.pronouns': 'الضمائر',
  'profile.pronounsHint': 'مثل: هي، هو، هم. اتركه فارغًا إن لم ترغب في إظهار شيء.',
  'profile.locale': 'اللغة',
  'profile.timezone': 'المنطقة الزمنية',
  'profile.saved': 'حُفظ ملفك الشخصي.',
  'profile.passwordHeading': 'كلمة المرور',
  'profile.passwordIntro': 'تتيح لك كلمة المرور تسجيل الدخول دون رابط بالبريد.',
  'profile.currentPassword': 'كلمة المرور الحالية',
  'profile.currentPasswordHint': 'مطلوبة فقط لتغيير كلمة مرور موجودة.',
  'profile.newPassword': 'كلمة المرور الجديدة',
  'profile.newPasswordHint': '10 أحرف على الأقل. بضع كلمات غير مترابطة تصنع كلمة مرور جيدة.',
  'profile.setPassword': 'ضبط كلمة المرور',
  'profile.passwordSaved': 'ضُبطت كلمة المرور.',

  'mail.title': 'البريد',
  'mail.sections': 'أقسام البريد',
  'mail.tab.outbox': 'صندوق الصادر',
  'mail.tab.mailbox': 'صندوق بريد التطوير',
  'mail.ownerOnly': 'يمكن لمالك الخادم فقط رؤية البريد.',
  'outbox.intro': 'كل رسالة يرسلها Hearth تمر بصندوق الصادر. تظهر أسباب الرسائل التي فشلت.',
  'outbox.filter': 'عرض',
  'outbox.all': 'كل الحالات',
  'outbox.status.queued': 'في الانتظار',
  'outbox.status.sending': 'قيد الإرسال',
  'outbox.status.retrying': 'إعادة المحاولة',
  'outbox.status.sent': 'أُرسلت',
  'outbox.status.failed': 'فشلت',
  'outbox.caption': 'رسائل صندوق الصادر، الأحدث أولًا',
  'outbox.purpose': 'الغرض',
  'outbox.status': 'الحالة',
  'outbox.attempts': 'المحاولات',
  'outbox.created': 'أُنشئت',
  'outbox.next': 'المحاولة التالية',
  'outbox.sentAt': 'أُرسلت',
  'outbox.reason': 'السبب',
  'outbox.empty': 'لا توجد رسائل.',
  'outbox.counts': 'الأعداد',
  'mailbox.intro': 'لم يُضبط خادم SMTP، لذلك يحفظ Hearth الرسائل الصادرة هنا بدل إرسالها.',
  'mailbox.off': 'صندوق بريد التطوير معطّل: يرسل هذا الخادم بريده عبر SMTP.',
  'mailbox.caption': 'الرسائل، الأحدث أولًا',
  'mailbox.to': 'إلى',
  'mailbox.subject': 'الموضوع',
  'mailbox.received': 'الاستلام',
  'mailbox.empty': 'صندوق البريد فارغ.',
  'message.title': 'رسالة',
  'message.back': 'العودة إلى صندوق البريد',
  'message.headers': 'الترويسات',
  'message.allHeaders': 'كل الترويسات',
  'message.text': 'النص',
  'message.noText': 'لا تحتوي هذه الرسالة على جزء نصي عادي.',
  'message.parts': 'الأجزاء',
  'message.downloadEml': 'تنزيل الرسالة (.eml)',
  'message.downloadPart': 'تنزيل {name}',
};

const TABLES: Record<Locale, Record<MessageKey, string>> = { en, ar };

export const LOCALES: readonly Locale[] = ['en', 'ar'];

export const toLocale = (value: string | null | undefined): Locale => (value === 'ar' ? 'ar' : 'en');

export const directionOf = (locale: Locale): 'rtl' | 'ltr' => (locale === 'ar' ? 'rtl' : 'ltr');

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(locale: Locale): Translate {
  const table = TABLES[locale];
  return (key, vars) => {
    const text = table[key];
    return vars
      ? text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole))
      : text;
  };
}

interface I18n {
  locale: Locale;
  t: Translate;
  /** Dates and times in the reader's language and time zone. */
  formatDateTime: (iso: string | null | undefined) => string;
}

const I18nContext = createContext<I18n>({
  locale: 'en',
  t: translator('en'),
  formatDateTime: (iso) => iso ?? '',
});

function dateTimeFormat(locale: Locale, timeZone: string | undefined): Intl.DateTimeFormat {
  const tag = locale === 'ar' ? 'ar' : 'en-GB';
  try {
    return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  } catch {
    // A zone this browser does not know: show the browser's own rather than nothing.
    return new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  }
}

export function I18nProvider({
  locale,
  timeZone,
  children,
}: {
  locale: Locale;
  timeZone?: string;
  children: ReactNode;
}) {
  const value = useMemo<I18n>(() => {
    const format = dateTimeFormat(locale, timeZone);
    return {
      locale,
      t: translator(locale),
      formatDateTime: (iso) => {
        if (!iso) return '—';
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : format.format(date);
      },
    };
  }, [locale, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);
