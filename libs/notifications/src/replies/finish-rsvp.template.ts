import { Locale, toLocale } from '@app/core';
import { RenderedMail, renderHtml } from '../layout';

export type FinishStep = 'coc' | 'mode' | 'answers';

export interface FinishRsvpInput {
  step: FinishStep;
  eventTitle: string;
  locale: string | null;
  /** Where to finish: the one-click page (code of conduct, mode) or the event page (questions). */
  link: string;
}

const COPY: Record<
  Locale,
  (title: string) => { subject: string; intro: Record<FinishStep, string>; action: string; ignore: string }
> = {
  en: (title) => ({
    subject: `One more step to answer: ${title}`,
    intro: {
      coc: `We received your answer from your calendar. This group asks everyone to read and accept its code of conduct before joining ${title}; open the link to read it and confirm your answer.`,
      mode: `We received your answer from your calendar. ${title} happens both in person and online; open the link to tell us how you will join.`,
      answers: `We received your answer from your calendar. The organizers of ${title} ask a few questions first; open the event to answer them.`,
    },
    action: 'Finish my answer',
    ignore: 'Until then your answer is not recorded. If you did not answer, you can ignore this email.',
  }),
  ar: (title) => ({
    subject: `خطوة أخرى للرد: ${title}`,
    intro: {
      coc: `وصلنا ردك من التقويم. تطلب هذه المجموعة من الجميع قراءة مدونة السلوك وقبولها قبل الانضمام إلى ${title}؛ افتح الرابط لقراءتها وتأكيد ردك.`,
      mode: `وصلنا ردك من التقويم. يُقام ${title} حضوريًا وعبر الإنترنت؛ افتح الرابط لتخبرنا كيف ستنضم.`,
      answers: `وصلنا ردك من التقويم. يطرح منظمو ${title} بعض الأسئلة أولًا؛ افتح الفعالية للإجابة عنها.`,
    },
    action: 'إكمال ردي',
    ignore: 'لن يُسجَّل ردك حتى ذلك الحين. إذا لم ترد، يمكنك تجاهل هذه الرسالة.',
  }),
};

/** Sent when a verified calendar answer needs a step only the web can take (DESIGN §1, journey 2). */
export function renderFinishRsvpMail(input: FinishRsvpInput): RenderedMail {
  const locale = toLocale(input.locale);
  const t = COPY[locale](input.eventTitle);
  const intro = t.intro[input.step];
  return {
    subject: t.subject,
    text: `${intro}\n\n${input.link}\n\n${t.ignore}\n`,
    html: renderHtml(locale, t.subject, {
      paragraphs: [intro],
      action: { label: t.action, url: input.link },
      footer: t.ignore,
    }),
  };
}
