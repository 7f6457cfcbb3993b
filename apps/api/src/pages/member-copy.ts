import type { Locale } from '@app/core';

/** Words of the member pages, English and Arabic. Plain text: the views escape everything. */
export interface MemberCopy {
  skip: string;
  navEvents: string;
  navNetworking: string;
  signIn: string;
  signOut: string;
  signedInAs: (name: string) => string;
  accountTitle: string;
  accountExportHeading: string;
  accountExportText: string;
  accountExportLink: string;
  accountDeleteHeading: string;
  accountDeleteText: string;
  accountDeleteConfirm: string;
  accountDeleteSubmit: string;
  accountDeletedTitle: string;
  accountDeletedText: string;
  otherLanguage: string;
  footer: string;

  kind: Record<string, string>;
  when: string;
  yourTime: string;
  where: string;
  joinOnline: string;
  joinLink: string;
  addressHidden: string;
  addressMembers: string;
  linkHidden: string;
  linkMembers: string;
  noLocation: string;
  accessibility: string;
  access: Record<string, string>;
  about: string;
  discussion: string;
  partOfSeries: string;
  places: string;
  goingCount: (n: number) => string;
  whoIsGoing: string;
  cancelled: string;
  ended: string;
  draft: string;

  rsvpHeading: string;
  rsvpSignedOut: string;
  rsvpSignInLink: string;
  rsvpEmailHint: string;
  status: Record<string, string>;
  statusDetail: Record<string, string>;
  waitlistPosition: (n: number) => string;
  noAnswerYet: string;
  going: string;
  maybe: string;
  cantGo: string;
  changeAnswer: string;
  guests: (max: number) => string;
  mode: string;
  modeInPerson: string;
  modeOnline: string;
  coc: string;
  cocAccept: string;
  required: string;
  answered: string;
  rsvpClosed: string;

  calendarHeading: string;
  addToCalendar: string;
  subscribeGroup: string;
  subscribeSeries: string;
  personalFeed: string;
  personalFeedHint: string;
  feedsPrivate: string;

  groupUpcoming: string;
  groupNoEvents: string;
  groupDiscussions: string;
  groupCoc: string;
  groupJoin: string;
  groupJoinPrivate: string;
  groupMember: string;
  groupPending: string;
  groupSignInToJoin: string;
  joined: string;
  joinRequested: string;
  groupHidden: string;
  groupHiddenRequested: string;
  visibility: Record<string, string>;

  publicTitle: string;
  networkingTitle: string;
  publicIntro: string;
  filterKind: string;
  allKinds: string;
  filterSearch: string;
  filterTag: string;
  filterFrom: string;
  filterApply: string;
  noPublicEvents: string;
  more: string;
  byGroup: (group: string) => string;

  topicBy: (name: string) => string;
  topicReplies: (n: number) => string;
  topicReplyInApp: string;
  topicLocked: string;
  topicEvents: string;
  deletedAccount: string;

  inviteTitle: string;
  inviteIntro: string;
  inviteAccept: string;
  inviteSignIn: string;
  inviteAccepted: (group: string) => string;
  inviteOpenGroup: string;
  inviteInvalid: string;
  inviteWrongAddress: (email: string) => string;

  signInTitle: string;
  signInIntro: string;
  signInEmail: string;
  signInSubmit: string;
  signInSent: string;
  signInSentDetail: string;
  signedOut: string;

  notFoundTitle: string;
  notFoundBody: string;
  errorTitle: string;
  unavailableTitle: string;
  unavailableBody: string;
  refusedTitle: string;
  forbiddenOrigin: string;
  back: string;
}

const KIND_EN = {
  online_discussion: 'Online discussion',
  in_person: 'In-person meetup',
  virtual_networking: 'Virtual networking',
  hybrid: 'Hybrid',
};
const KIND_AR = {
  online_discussion: 'نقاش عبر الإنترنت',
  in_person: 'لقاء حضوري',
  virtual_networking: 'تواصل افتراضي',
  hybrid: 'هجين',
};

const en: MemberCopy = {
  skip: 'Skip to main content',
  navEvents: 'Events',
  navNetworking: 'Virtual networking',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: (name) => `Signed in as ${name}`,
  accountTitle: 'Your account',
  accountExportHeading: 'Your data',
  accountExportText:
    'Download everything Hearth keeps about you: your profile, groups, posts, answers to events and the mail sent to you.',
  accountExportLink: 'Download your data (JSON)',
  accountDeleteHeading: 'Delete your account',
  accountDeleteText:
    'This deletes your account, your posts, your answers to events and the mail kept for you, and cannot be undone. Seats you hold go to the next person waiting. Topics you started stay with their group, without your name.',
  accountDeleteConfirm: 'Type your email address to confirm',
  accountDeleteSubmit: 'Delete my account',
  accountDeletedTitle: 'Your account has been deleted',
  accountDeletedText: 'Your account and your data are gone. Thank you for having been part of it.',
  otherLanguage: 'العربية',
  footer: 'Hearth — events for community and peer-support groups. No tracking, no third parties.',

  kind: KIND_EN,
  when: 'When',
  yourTime: 'Your time',
  where: 'Where',
  joinOnline: 'Join online',
  joinLink: 'Join link',
  addressHidden: 'The address is shared once your place is confirmed.',
  addressMembers: 'The address is shared with members of the group.',
  linkHidden: 'The join link is shared once your place is confirmed.',
  linkMembers: 'The join link is shared with members of the group.',
  noLocation: 'To be announced.',
  accessibility: 'Accessibility',
  access: {
    stepFreeAccess: 'Step-free access',
    accessibleToilet: 'Accessible toilet',
    allGenderToilet: 'All-gender toilet',
    quietRoom: 'Quiet room',
    seating: 'Seating available',
    signLanguageOnRequest: 'Sign language on request',
    captionsOnRequest: 'Captions on request',
  },
  about: 'About',
  discussion: 'Read the discussion',
  partOfSeries: 'Part of a series',
  places: 'Places',
  goingCount: (n) => (n === 1 ? '1 person going' : `${n} people going`),
  whoIsGoing: 'Who is going',
  cancelled: 'This event has been cancelled.',
  ended: 'This event has ended.',
  draft: 'Draft: only organizers can see this event.',

  rsvpHeading: 'Will you come?',
  rsvpSignedOut: 'Sign in to answer. We email you a link; no password needed.',
  rsvpSignInLink: 'Sign in by email',
  rsvpEmailHint: 'Got an invitation by email? Its Going / Maybe / Can’t go buttons work too.',
  status: {
    going: 'You’re going',
    maybe: 'You said maybe',
    declined: 'You said you can’t go',
    waitlisted: 'You’re on the waitlist',
    pending_approval: 'Waiting for an organizer to approve',
  },
  statusDetail: {
    going: 'Your place is confirmed.',
    maybe: 'Change your answer whenever you know.',
    declined: 'Changed your mind? Answer again below.',
    waitlisted: 'We’ll email you and update your calendar if a place frees up.',
    pending_approval: 'We’ll email you when an organizer has looked at it.',
  },
  waitlistPosition: (n) => `Position ${n} on the waitlist.`,
  noAnswerYet: 'You haven’t answered yet.',
  going: 'Going',
  maybe: 'Maybe',
  cantGo: 'Can’t go',
  changeAnswer: 'Change your answer',
  guests: (max) => `Guests you’re bringing (up to ${max})`,
  mode: 'How will you take part?',
  modeInPerson: 'In person',
  modeOnline: 'Online',
  coc: 'Code of conduct',
  cocAccept: 'I have read and accept the code of conduct',
  required: '(required)',
  answered: 'Your answer is saved.',
  rsvpClosed: 'Answers are closed for this event.',

  calendarHeading: 'Calendar',
  addToCalendar: 'Add to my calendar (.ics)',
  subscribeGroup: 'Subscribe to the group’s events',
  subscribeSeries: 'Subscribe to this series',
  personalFeed: 'My personal calendar feed',
  personalFeedHint: 'Events you said yes or maybe to. Keep this address to yourself.',
  feedsPrivate: 'Private groups have no public feeds; add single events to your calendar instead.',

  groupUpcoming: 'Upcoming events',
  groupNoEvents: 'Nothing is scheduled right now.',
  groupDiscussions: 'Recent discussions',
  groupCoc: 'Code of conduct',
  groupJoin: 'Join this group',
  groupJoinPrivate: 'Ask to join',
  groupMember: 'You are a member of this group.',
  groupPending: 'Your request to join is waiting for an organizer.',
  groupSignInToJoin: 'Sign in to join this group',
  joined: 'Welcome! You are now a member.',
  joinRequested: 'Your request to join has been sent to the organizers.',
  groupHidden:
    'There is no group here that you can see. If you were given this address for a private group, you can ask to join it; its organizers decide.',
  groupHiddenRequested:
    'If a private group has this address, its organizers now see your request. Once they approve it, this page shows the group.',
  visibility: { public: 'Public group', unlisted: 'Unlisted group', private: 'Private group' },

  publicTitle: 'Events',
  networkingTitle: 'Virtual networking',
  publicIntro:
    'Public events of the groups on this Hearth. Addresses and join links appear once you have a place.',
  filterKind: 'Kind',
  allKinds: 'All kinds',
  filterSearch: 'Search',
  filterTag: 'Tag',
  filterFrom: 'From',
  filterApply: 'Show events',
  noPublicEvents: 'No public events match.',
  more: 'More events',
  byGroup: (group) => `by ${group}`,

  topicBy: (name) => `Opened by ${name}`,
  topicReplies: (n) => (n === 1 ? '1 reply' : `${n} replies`),
  topicReplyInApp: 'Reply in Hearth',
  topicLocked: 'This discussion is locked.',
  topicEvents: 'Events from this discussion',
  deletedAccount: 'Deleted account',

  inviteTitle: 'Join a group on Hearth',
  inviteIntro: 'You have been invited to join a group. The invitation works once.',
  inviteAccept: 'Accept the invitation',
  inviteSignIn: 'Sign in with the email address this invitation was sent to, then come back to this link.',
  inviteAccepted: (group) => `You joined ${group}.`,
  inviteOpenGroup: 'Go to the group',
  inviteInvalid:
    'This invitation is invalid, has been used, or has expired. Ask the organizer for a new one.',
  inviteWrongAddress: (email) =>
    `You are signed in as ${email}, but the invitation was sent to another address. Sign out and sign in with that one.`,

  signInTitle: 'Sign in',
  signInIntro: 'Enter your email address and we will send you a link that signs you in. No password needed.',
  signInEmail: 'Email address',
  signInSubmit: 'Email me a sign-in link',
  signInSent: 'Check your inbox',
  signInSentDetail:
    'If this address can sign in, a link is on its way. It works once and expires in 15 minutes. After signing in you come back to where you were.',
  signedOut: 'You are signed out.',

  notFoundTitle: 'Not found',
  notFoundBody: 'There is nothing here, or you may not see it. If someone sent you this link, sign in first.',
  errorTitle: 'That did not work',
  unavailableTitle: 'Hearth is briefly unavailable',
  unavailableBody:
    'We cannot reach our database just now. Nothing you did caused this; please try again in a few seconds.',
  refusedTitle: 'Not allowed',
  forbiddenOrigin: 'This form was sent from another site, so it was ignored.',
  back: 'Back',
};

const ar: MemberCopy = {
  skip: 'انتقل إلى المحتوى الرئيسي',
  navEvents: 'الفعاليات',
  navNetworking: 'التواصل الافتراضي',
  signIn: 'تسجيل الدخول',
  signOut: 'تسجيل الخروج',
  signedInAs: (name) => `مسجّل الدخول باسم ${name}`,
  accountTitle: 'حسابك',
  accountExportHeading: 'بياناتك',
  accountExportText:
    'نزّل كل ما يحفظه Hearth عنك: ملفك الشخصي ومجموعاتك ومشاركاتك وردودك على الفعاليات والرسائل المرسلة إليك.',
  accountExportLink: 'تنزيل بياناتك (JSON)',
  accountDeleteHeading: 'حذف حسابك',
  accountDeleteText:
    'يحذف هذا حسابك ومشاركاتك وردودك على الفعاليات والرسائل المحفوظة لك، ولا يمكن التراجع عنه. تنتقل المقاعد التي تحجزها إلى الشخص التالي في قائمة الانتظار. تبقى المواضيع التي بدأتها في مجموعتها دون اسمك.',
  accountDeleteConfirm: 'اكتب عنوان بريدك الإلكتروني للتأكيد',
  accountDeleteSubmit: 'احذف حسابي',
  accountDeletedTitle: 'حُذف حسابك',
  accountDeletedText: 'لم يعد حسابك ولا بياناتك موجودة. شكرًا لأنك كنت جزءًا من المجموعة.',
  otherLanguage: 'English',
  footer: 'Hearth — فعاليات للمجموعات المجتمعية ومجموعات الدعم. بلا تتبّع ولا أطراف ثالثة.',

  kind: KIND_AR,
  when: 'الموعد',
  yourTime: 'بتوقيتك',
  where: 'المكان',
  joinOnline: 'انضم عبر الإنترنت',
  joinLink: 'رابط الانضمام',
  addressHidden: 'نشارك العنوان بعد تأكيد مكانك.',
  addressMembers: 'العنوان متاح لأعضاء المجموعة.',
  linkHidden: 'نشارك رابط الانضمام بعد تأكيد مكانك.',
  linkMembers: 'رابط الانضمام متاح لأعضاء المجموعة.',
  noLocation: 'يُعلن لاحقًا.',
  accessibility: 'إمكانية الوصول',
  access: {
    stepFreeAccess: 'دخول بلا درجات',
    accessibleToilet: 'دورة مياه مهيّأة',
    allGenderToilet: 'دورة مياه لجميع الأجناس',
    quietRoom: 'غرفة هادئة',
    seating: 'مقاعد متاحة',
    signLanguageOnRequest: 'لغة الإشارة عند الطلب',
    captionsOnRequest: 'ترجمة نصية عند الطلب',
  },
  about: 'عن الفعالية',
  discussion: 'اقرأ النقاش',
  partOfSeries: 'جزء من سلسلة',
  places: 'المقاعد',
  goingCount: (n) => `${n} سيحضرون`,
  whoIsGoing: 'من سيحضر',
  cancelled: 'أُلغيت هذه الفعالية.',
  ended: 'انتهت هذه الفعالية.',
  draft: 'مسودة: لا يراها إلا المنظّمون.',

  rsvpHeading: 'هل ستحضر؟',
  rsvpSignedOut: 'سجّل الدخول لتردّ. نرسل إليك رابطًا بالبريد، دون كلمة مرور.',
  rsvpSignInLink: 'تسجيل الدخول بالبريد',
  rsvpEmailHint: 'وصلتك دعوة بالبريد؟ أزرار «سأحضر / ربما / لا أستطيع» فيها تعمل أيضًا.',
  status: {
    going: 'ستحضر',
    maybe: 'قلت ربما',
    declined: 'قلت إنك لا تستطيع الحضور',
    waitlisted: 'أنت في قائمة الانتظار',
    pending_approval: 'بانتظار موافقة المنظّم',
  },
  statusDetail: {
    going: 'مكانك مؤكَّد.',
    maybe: 'غيّر ردّك متى عرفت.',
    declined: 'غيّرت رأيك؟ ردّ من جديد أدناه.',
    waitlisted: 'سنراسلك ونحدّث تقويمك إذا توفر مكان.',
    pending_approval: 'سنراسلك عندما ينظر المنظّم في طلبك.',
  },
  waitlistPosition: (n) => `ترتيبك ${n} في قائمة الانتظار.`,
  noAnswerYet: 'لم تردّ بعد.',
  going: 'سأحضر',
  maybe: 'ربما',
  cantGo: 'لا أستطيع',
  changeAnswer: 'غيّر ردّك',
  guests: (max) => `عدد الضيوف معك (حتى ${max})`,
  mode: 'كيف ستشارك؟',
  modeInPerson: 'حضوريًا',
  modeOnline: 'عبر الإنترنت',
  coc: 'قواعد السلوك',
  cocAccept: 'قرأت قواعد السلوك وأقبلها',
  required: '(مطلوب)',
  answered: 'حُفظ ردّك.',
  rsvpClosed: 'أُغلقت الردود على هذه الفعالية.',

  calendarHeading: 'التقويم',
  addToCalendar: 'أضف إلى تقويمي (‎.ics)',
  subscribeGroup: 'اشترك في فعاليات المجموعة',
  subscribeSeries: 'اشترك في هذه السلسلة',
  personalFeed: 'تقويمي الشخصي',
  personalFeedHint: 'الفعاليات التي قلت إنك ستحضرها أو ربما. احتفظ بهذا العنوان لنفسك.',
  feedsPrivate: 'لا تملك المجموعات الخاصة اشتراكات عامة؛ أضف الفعاليات إلى تقويمك واحدة واحدة.',

  groupUpcoming: 'الفعاليات القادمة',
  groupNoEvents: 'لا شيء مجدول حاليًا.',
  groupDiscussions: 'آخر النقاشات',
  groupCoc: 'قواعد السلوك',
  groupJoin: 'انضم إلى هذه المجموعة',
  groupJoinPrivate: 'اطلب الانضمام',
  groupMember: 'أنت عضو في هذه المجموعة.',
  groupPending: 'طلب انضمامك بانتظار المنظّم.',
  groupSignInToJoin: 'سجّل الدخول للانضمام',
  joined: 'أهلًا بك! أصبحت عضوًا.',
  joinRequested: 'أُرسل طلب انضمامك إلى المنظّمين.',
  groupHidden:
    'لا توجد هنا مجموعة يمكنك رؤيتها. إن أُعطيت هذا العنوان لمجموعة خاصة فيمكنك طلب الانضمام إليها، والقرار لمنظّميها.',
  groupHiddenRequested:
    'إن كانت هناك مجموعة خاصة بهذا العنوان فمنظّموها يرون طلبك الآن. بعد موافقتهم تظهر المجموعة في هذه الصفحة.',
  visibility: { public: 'مجموعة عامة', unlisted: 'مجموعة غير مدرجة', private: 'مجموعة خاصة' },

  publicTitle: 'الفعاليات',
  networkingTitle: 'التواصل الافتراضي',
  publicIntro: 'الفعاليات العامة لمجموعات هذا الخادم. تظهر العناوين وروابط الانضمام بعد تأكيد مكانك.',
  filterKind: 'النوع',
  allKinds: 'كل الأنواع',
  filterSearch: 'بحث',
  filterTag: 'وسم',
  filterFrom: 'من تاريخ',
  filterApply: 'اعرض الفعاليات',
  noPublicEvents: 'لا توجد فعاليات عامة مطابقة.',
  more: 'المزيد من الفعاليات',
  byGroup: (group) => `تنظيم ${group}`,

  topicBy: (name) => `بدأه ${name}`,
  topicReplies: (n) => `${n} ردود`,
  topicReplyInApp: 'ردّ في Hearth',
  topicLocked: 'هذا النقاش مقفل.',
  topicEvents: 'فعاليات من هذا النقاش',
  deletedAccount: 'حساب محذوف',

  inviteTitle: 'انضم إلى مجموعة على Hearth',
  inviteIntro: 'دُعيت للانضمام إلى مجموعة. تعمل الدعوة مرة واحدة.',
  inviteAccept: 'اقبل الدعوة',
  inviteSignIn: 'سجّل الدخول بعنوان البريد الذي أُرسلت إليه الدعوة، ثم عد إلى هذا الرابط.',
  inviteAccepted: (group) => `انضممت إلى ${group}.`,
  inviteOpenGroup: 'اذهب إلى المجموعة',
  inviteInvalid: 'هذه الدعوة غير صالحة أو استُخدمت أو انتهت صلاحيتها. اطلب دعوة جديدة من المنظّم.',
  inviteWrongAddress: (email) =>
    `أنت مسجّل الدخول باسم ${email}، لكن الدعوة أُرسلت إلى عنوان آخر. سجّل الخروج ثم ادخل بذلك العنوان.`,

  signInTitle: 'تسجيل الدخول',
  signInIntro: 'أدخل بريدك الإلكتروني وسنرسل إليك رابطًا يسجّل دخولك، دون كلمة مرور.',
  signInEmail: 'البريد الإلكتروني',
  signInSubmit: 'أرسل لي رابط تسجيل الدخول',
  signInSent: 'تفقّد بريدك',
  signInSentDetail:
    'إذا كان بإمكان هذا العنوان تسجيل الدخول فالرابط في طريقه إليك. يعمل مرة واحدة وتنتهي صلاحيته خلال 15 دقيقة. بعد الدخول تعود إلى حيث كنت.',
  signedOut: 'سجّلت الخروج.',

  notFoundTitle: 'غير موجود',
  notFoundBody: 'لا شيء هنا، أو لا يُسمح لك برؤيته. إن أرسل إليك أحدهم هذا الرابط فسجّل الدخول أولًا.',
  errorTitle: 'لم تنجح العملية',
  unavailableTitle: 'Hearth غير متاح مؤقتًا',
  unavailableBody:
    'لا نستطيع الوصول إلى قاعدة بياناتنا الآن. لم يحدث هذا بسبب شيء فعلته؛ حاول مجددًا بعد بضع ثوانٍ.',
  refusedTitle: 'غير مسموح',
  forbiddenOrigin: 'أُرسل هذا النموذج من موقع آخر فتم تجاهله.',
  back: 'رجوع',
};

export const MEMBER_COPY: Record<Locale, MemberCopy> = { en, ar };
