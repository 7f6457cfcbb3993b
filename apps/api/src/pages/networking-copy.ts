import type { Language } from '@app/i18n';

/** Strings of the networking member pages, per language (to move into the catalogue later). */
export interface NetworkingCopy {
  liveTitle: string;
  afterTitle: string;
  notStarted: string;
  paused: string;
  ended: string;
  inBreak: string;
  roundOf: (round: number, rounds: number) => string;
  nextChange: string;
  joinRoom: string;
  inYourRoom: string;
  sharedInterests: string;
  nobodyYet: string;
  notSeated: string;
  optInHeading: string;
  optInLead: string;
  showAs: string;
  showDisplayName: string;
  showPseudonym: string;
  pseudonym: string;
  intro: string;
  interests: string;
  join: string;
  imHere: string;
  hereNote: string;
  leave: string;
  leaveRounds: string;
  goingOnly: string;
  privacyNote: string;
  metHeading: string;
  metNone: string;
  stayInTouch: string;
  contact: string;
  message: string;
  mutualNote: string;
  waitingNote: string;
  theirContact: string;
  block: string;
  blockNote: string;
  report: string;
  reportReason: string;
  afterLink: string;
  autoRefresh: string;
}

const en: NetworkingCopy = {
  liveTitle: 'Networking rounds',
  afterTitle: 'Stay in touch',
  notStarted: 'The rounds have not started yet.',
  paused: 'The rounds are paused.',
  ended: 'The rounds are over. Thank you for taking part.',
  inBreak: 'Break — the next room is being prepared.',
  roundOf: (round, rounds) => `Round ${round} of ${rounds}`,
  nextChange: 'Next change at',
  joinRoom: 'Join your room',
  inYourRoom: 'In your room',
  sharedInterests: 'Shared interests',
  nobodyYet: 'Nobody else is in your room right now.',
  notSeated: 'You are not in a room this round. You will be seated from the next round.',
  optInHeading: 'Join the rounds',
  optInLead: 'Taking part is your choice. Only the people in your room see you, as you choose to appear.',
  showAs: 'Show me as',
  showDisplayName: 'My display name',
  showPseudonym: 'A pseudonym',
  pseudonym: 'Pseudonym',
  intro: 'One line about you (optional)',
  interests: 'Interests (optional)',
  join: 'Join the rounds',
  imHere: 'I’m here',
  hereNote: 'Press “I’m here” when you are ready; you join from the next round.',
  leave: 'Leave my room',
  leaveRounds: 'Stop taking part',
  goingOnly: 'Only people going to this event can join the rounds.',
  privacyNote: 'Nobody sees a list of participants. Organizers know who is who.',
  metHeading: 'People you met',
  metNone: 'You did not share a room with anyone.',
  stayInTouch: 'I’d like to stay in touch',
  contact: 'How they can reach you',
  message: 'Message (optional)',
  mutualNote: 'You both said yes — you each received an email with the other’s contact.',
  waitingNote: 'Saved. They will only hear about it if they say yes too.',
  theirContact: 'Their contact',
  block: 'Never match me with this person',
  blockNote: 'Blocks are private and permanent in this group.',
  report: 'Report to the moderators',
  reportReason: 'What happened',
  afterLink: 'After the rounds: stay in touch',
  autoRefresh: 'This page refreshes by itself.',
};

const ar: NetworkingCopy = {
  liveTitle: 'جولات التواصل',
  afterTitle: 'البقاء على تواصل',
  notStarted: 'لم تبدأ الجولات بعد.',
  paused: 'الجولات متوقفة مؤقتًا.',
  ended: 'انتهت الجولات. شكرًا لمشاركتك.',
  inBreak: 'استراحة — يجري تحضير الغرفة التالية.',
  roundOf: (round, rounds) => `الجولة ${round} من ${rounds}`,
  nextChange: 'التغيير التالي في',
  joinRoom: 'ادخل غرفتك',
  inYourRoom: 'في غرفتك',
  sharedInterests: 'اهتمامات مشتركة',
  nobodyYet: 'لا أحد غيرك في غرفتك الآن.',
  notSeated: 'لست في غرفة هذه الجولة. ستنضم ابتداءً من الجولة التالية.',
  optInHeading: 'انضم إلى الجولات',
  optInLead: 'المشاركة اختيارك. لا يراك إلا من في غرفتك، بالشكل الذي تختاره.',
  showAs: 'اعرضني باسم',
  showDisplayName: 'اسمي المعروض',
  showPseudonym: 'اسم مستعار',
  pseudonym: 'الاسم المستعار',
  intro: 'سطر واحد عنك (اختياري)',
  interests: 'الاهتمامات (اختياري)',
  join: 'انضم إلى الجولات',
  imHere: 'أنا هنا',
  hereNote: 'اضغط «أنا هنا» عندما تكون جاهزًا؛ ستنضم من الجولة التالية.',
  leave: 'غادر غرفتي',
  leaveRounds: 'توقف عن المشاركة',
  goingOnly: 'يمكن فقط لمن سيحضر هذه الفعالية الانضمام إلى الجولات.',
  privacyNote: 'لا أحد يرى قائمة بالمشاركين. المنظمون يعرفون من هو من.',
  metHeading: 'أشخاص التقيت بهم',
  metNone: 'لم تشارك غرفة مع أحد.',
  stayInTouch: 'أود البقاء على تواصل',
  contact: 'كيف يمكنهم الوصول إليك',
  message: 'رسالة (اختياري)',
  mutualNote: 'قال كلاكما نعم — وصل لكل منكما بريد بوسيلة تواصل الآخر.',
  waitingNote: 'حُفظ. لن يعلموا بذلك إلا إذا قالوا نعم أيضًا.',
  theirContact: 'وسيلة تواصلهم',
  block: 'لا تجمعني بهذا الشخص أبدًا',
  blockNote: 'الحظر خاص ودائم في هذه المجموعة.',
  report: 'أبلغ المشرفين',
  reportReason: 'ماذا حدث',
  afterLink: 'بعد الجولات: البقاء على تواصل',
  autoRefresh: 'تتحدث هذه الصفحة تلقائيًا.',
};

export const NETWORKING_COPY: Record<Language, NetworkingCopy> = { en, ar };
