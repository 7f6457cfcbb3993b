import { useI18n } from '../../i18n';

/** The networking screens' strings (kept apart so they can move into the catalogue). */
const en = {
  tab: 'Networking',
  settingsHeading: 'Networking rounds',
  rounds: 'Rounds',
  roundMinutes: 'Minutes per round',
  breakMinutes: 'Minutes of break',
  groupSize: 'People per room',
  useInterests: 'Match people with shared interests',
  interestTags: 'Interests people can pick (comma-separated)',
  save: 'Save plan',
  saved: 'Plan saved.',
  total: 'Total: {n} minutes',
  notSet: 'Networking rounds are not set up yet.',
  controlsHeading: 'Rounds',
  phase: 'Now: {phase}, round {round}',
  counts: '{optedIn} joined, {present} present',
  start: 'Start / resume',
  pause: 'Pause',
  skip: 'Next round now',
  end: 'End rounds',
  scheduleHeading: 'Schedule',
  planHeading: 'Rooms',
  round: 'Round {n}',
  left: '(left)',
  openRoom: 'Open room',
  moveHeading: 'Move a person',
  person: 'Person',
  room: 'Room',
  move: 'Move',
  reportsHeading: 'Reports from rooms',
  noReports: 'No reports.',
  reportLine: 'Round {round}: {reporter} reported {reported}',
  groupReportsHeading: 'Reports from networking rooms',
  groupReportLine: '{event}, round {round}',
  resolve: 'Mark resolved',
  phases: {
    not_started: 'not started',
    round: 'in a round',
    break: 'break',
    paused: 'paused',
    ended: 'ended',
  },
};

type Text = typeof en;

const ar: Text = {
  tab: 'التواصل',
  settingsHeading: 'جولات التواصل',
  rounds: 'الجولات',
  roundMinutes: 'دقائق كل جولة',
  breakMinutes: 'دقائق الاستراحة',
  groupSize: 'عدد الأشخاص في الغرفة',
  useInterests: 'اجمع من لديهم اهتمامات مشتركة',
  interestTags: 'اهتمامات يمكن اختيارها (مفصولة بفواصل)',
  save: 'احفظ الخطة',
  saved: 'حُفظت الخطة.',
  total: 'المجموع: {n} دقيقة',
  notSet: 'لم تُعدّ جولات التواصل بعد.',
  controlsHeading: 'الجولات',
  phase: 'الآن: {phase}، الجولة {round}',
  counts: '{optedIn} انضموا، {present} حاضرون',
  start: 'ابدأ / تابع',
  pause: 'إيقاف مؤقت',
  skip: 'الجولة التالية الآن',
  end: 'أنهِ الجولات',
  scheduleHeading: 'الجدول',
  planHeading: 'الغرف',
  round: 'الجولة {n}',
  left: '(غادر)',
  openRoom: 'افتح الغرفة',
  moveHeading: 'انقل شخصًا',
  person: 'الشخص',
  room: 'الغرفة',
  move: 'انقل',
  reportsHeading: 'بلاغات من الغرف',
  noReports: 'لا بلاغات.',
  reportLine: 'الجولة {round}: أبلغ {reporter} عن {reported}',
  groupReportsHeading: 'بلاغات من غرف التواصل',
  groupReportLine: '{event}، الجولة {round}',
  resolve: 'علّم كمحلول',
  phases: { not_started: 'لم تبدأ', round: 'في جولة', break: 'استراحة', paused: 'متوقفة', ended: 'انتهت' },
};

export type NetworkingText = Text;

export function useNetworkingText(): Text {
  return useI18n().locale === 'ar' ? ar : en;
}

export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
