import { ApiError as FormError, type FieldProblem } from '../../api';
import type { Translate } from '../../i18n';
import { formatOffset, type ZonedResult } from '../../zoned-time';
import { resolveTimes, usable, type EditContext, type EventDraft } from './draft';
import { editedEventTimeProblems, newEventTimeProblems, type EventTimeProblem } from './time-rules';

/**
 * What the API would refuse about the draft's times, worded for the form and keyed by API field
 * (startsAt, endsAt), so each shows beside its field before anything is sent.
 */
export function draftTimeProblems(
  draft: EventDraft,
  zone: string,
  t: Translate,
  formatDate: (date: string) => string,
  edit?: EditContext,
  now: Date = new Date(),
): FieldProblem[] {
  const { start, end } = resolveTimes(draft, zone);
  const out: FieldProblem[] = [];
  const add = (field: string, problem: string): void => {
    const existing = out.find((p) => p.field === field);
    if (existing) existing.problems.push(problem);
    else out.push({ field, problems: [problem] });
  };
  const zoneProblem = (
    field: string,
    r: ZonedResult | null,
    wall: { date: string; time: string },
    choice: string,
  ) => {
    if (r?.note === 'gap' && r.gap) {
      add(
        field,
        t('time.gap', { time: wall.time, zone, date: formatDate(wall.date), from: r.gap.from, to: r.gap.to }),
      );
    } else if (r?.note === 'ambiguous' && r.offsets && !usable(r, choice)) {
      add(
        field,
        t('time.ambiguous', {
          time: wall.time,
          zone,
          date: formatDate(wall.date),
          first: formatOffset(r.offsets[0]),
          second: formatOffset(r.offsets[1]),
        }),
      );
    }
  };
  zoneProblem('startsAt', start, { date: draft.date, time: draft.startTime }, draft.startOffset);
  zoneProblem('endsAt', end, { date: draft.endDate, time: draft.endTime }, draft.endOffset);
  if (!start || !end || !usable(start, draft.startOffset) || !usable(end, draft.endOffset)) return out;
  const after = { startsAt: new Date(start.iso), endsAt: new Date(end.iso) };
  const confirm = { confirmLongEvent: draft.confirmLong, confirmPast: draft.confirmPast };
  const problems: EventTimeProblem[] = edit
    ? editedEventTimeProblems(
        { startsAt: new Date(edit.before.startsAt), endsAt: new Date(edit.before.endsAt) },
        after,
        now,
        { ...confirm, invited: edit.invited, publishing: false },
      )
    : newEventTimeProblems(after, now, confirm);
  for (const p of problems) add(p.field, t(`time.${p.code}`));
  return out;
}

/** Whether the form should hold the draft back: the problems are already shown beside the fields. */
export const hasTimeProblems = (draft: EventDraft, zone: string, edit?: EditContext): boolean =>
  draftTimeProblems(
    draft,
    zone,
    (key) => key,
    (date) => date,
    edit,
  ).length > 0;

/** The server's answer and the form's own findings in one, for the fields to show. */
export function withFormProblems(
  server: FormError | null,
  form: FieldProblem[],
  prefix = '',
): FormError | null {
  if (form.length === 0) return server;
  const prefixed = form.map((p) => ({ field: `${prefix}${p.field}`, problems: p.problems }));
  return new FormError(server?.statusCode ?? 422, server?.code ?? 'FORM_INVALID', server?.message ?? '', {
    ...server?.details,
    fields: [...(server?.fields ?? []), ...prefixed],
  });
}
