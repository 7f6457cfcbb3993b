import { useState, type FormEvent } from 'react';
import { api, ApiError, type EventInput, type EventKind, type Group, type Topic } from '../api';
import {
  emptyDraft,
  draftToInput,
  EventFields,
  hasTimeProblems,
  type EventDraft,
} from '../components/event-form';
import {
  AudienceChooser,
  emptyAudience,
  toAudience,
  type AudienceChoice,
} from '../components/audience-chooser';
import { ErrorSummary, Field, Loading, Page, TimeZoneSelect } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n, type Translate } from '../i18n';
import { Link, navigate } from '../router';
import { addDays, wallTimeOf } from '../zoned-time';

const MAX_EVENTS = 12;

/** The plan the issue describes: talk online first, then meet, then keep in touch. */
function defaultPlan(t: Translate, topicTitle: string, zone: string): EventDraft[] {
  const today = wallTimeOf(Date.now(), zone).date;
  const discussion = emptyDraft(
    'online_discussion',
    t('plan.discussionTitle', { topic: topicTitle }),
    addDays(today, 7),
    '19:00',
    '20:30',
  );
  const meetup = {
    ...emptyDraft(
      'in_person',
      t('plan.meetupTitle', { topic: topicTitle }),
      addDays(today, 14),
      '18:30',
      '21:00',
    ),
    capacity: '20',
  };
  const networking = {
    ...emptyDraft(
      'virtual_networking',
      t('plan.networkingTitle', { topic: topicTitle }),
      addDays(today, 21),
      '19:00',
      '20:00',
    ),
    capacity: '50',
  };
  return [discussion, meetup, networking];
}

export function ScheduleSeriesScreen({ topicId }: { topicId: string }) {
  const { t } = useI18n();
  const topic = useResource(() => api.topic(topicId), `topic:${topicId}`);
  return (
    <Page title={t('plan.title')}>
      {topic.loading && !topic.data ? <Loading /> : null}
      <ErrorSummary error={topic.error} />
      {topic.data ? <ForTopic topic={topic.data} /> : null}
    </Page>
  );
}

function ForTopic({ topic }: { topic: Topic }) {
  const { t } = useI18n();
  const group = useResource(() => api.group(topic.groupSlug), `group:${topic.groupSlug}`);
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/groups/${encodeURIComponent(topic.groupSlug)}/topics`}>
          {group.data?.name ?? topic.groupSlug}
        </Link>
        {' › '}
        <Link to={`/topics/${encodeURIComponent(topic.id)}`}>{topic.title}</Link>
      </p>
      {group.loading && !group.data ? <Loading /> : null}
      <ErrorSummary error={group.error} />
      {group.data && !group.data.permissions.edit ? (
        <p className="muted">{t('plan.organizersOnly')}</p>
      ) : null}
      {group.data?.permissions.edit ? <SeriesForm topic={topic} group={group.data} /> : null}
    </>
  );
}

/** The plan's events as drafts, with the edits the form offers: change, remove, add one a week later. */
function usePlanSteps(topicTitle: string, initialZone: string, zone: string) {
  const { t } = useI18n();
  const [steps, setSteps] = useState<EventDraft[]>(() => defaultPlan(t, topicTitle, initialZone));
  const setStep = (index: number, next: EventDraft): void =>
    setSteps((all) => all.map((s, i) => (i === index ? next : s)));
  const removeStep = (index: number): void => setSteps((all) => all.filter((_, i) => i !== index));
  const addStep = (kind: EventKind): void =>
    setSteps((all) => {
      const last = all[all.length - 1];
      const date = last ? addDays(last.date, 7) : addDays(wallTimeOf(Date.now(), zone).date, 7);
      return [
        ...all,
        emptyDraft(
          kind,
          t('plan.extraTitle', { topic: topicTitle, n: all.length + 1 }),
          date,
          '19:00',
          '20:30',
        ),
      ];
    });
  return { steps, setStep, removeStep, addStep };
}

function SeriesForm({ topic, group }: { topic: Topic; group: Group }) {
  const { t } = useI18n();
  const [title, setTitle] = useState(topic.title);
  const [description, setDescription] = useState('');
  const [zone, setZone] = useState(group.timezone);
  const plan = usePlanSteps(topic.title, group.timezone, zone);
  const { steps } = plan;
  const [clientError, setClientError] = useState<ApiError | null>(null);
  const [audience, setAudience] = useState<AudienceChoice>(() => emptyAudience(true));
  const create = useAction((body: Parameters<typeof api.createSeries>[1]) =>
    api.createSeries(topic.id, body),
  );
  const inputs = steps.map((s) => draftToInput(s, zone));

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const bad = inputs.findIndex((input, i) => input === null || hasTimeProblems(steps[i], zone));
    if (bad >= 0) {
      setClientError(new ApiError(400, 'TIME_INVALID', t('plan.badTime', { n: bad + 1 })));
      return;
    }
    setClientError(null);
    const series = await create.run({
      title: title.trim(),
      description,
      events: inputs.filter((i): i is EventInput => i !== null),
      audience: toAudience(audience, true),
    });
    if (series) navigate(`/series/${encodeURIComponent(series.id)}?scheduled=1`);
  };

  return (
    <form className="series-form" onSubmit={(e) => void submit(e)}>
      <PlanOverview
        steps={steps}
        inputs={inputs}
        title={title}
        onTitle={setTitle}
        description={description}
        onDescription={setDescription}
        zone={zone}
        onZone={setZone}
        error={create.error}
      />
      <PlanSteps {...plan} zone={zone} error={create.error} />
      <section className="card send-card" aria-labelledby="plan-send">
        <h2 id="plan-send">{t('plan.sendHeading')}</h2>
        <p>{t('plan.sendIntro', { n: steps.length })}</p>
        <AudienceChooser
          choice={audience}
          onChange={setAudience}
          withTopic
          preview={(a) => api.groupAudiencePreview(group.slug, { ...a, topicId: topic.id })}
          error={create.error}
        />
        <ErrorSummary error={clientError ?? create.error} />
        <button type="submit" disabled={create.pending}>
          {create.pending ? t('plan.scheduling') : t('plan.submit', { n: steps.length })}
        </button>
      </section>
    </form>
  );
}

/** The series at a glance (kind and time of each event), its title, zone and description. */
function PlanOverview(props: {
  steps: EventDraft[];
  inputs: (EventInput | null)[];
  title: string;
  onTitle: (title: string) => void;
  description: string;
  onDescription: (description: string) => void;
  zone: string;
  onZone: (zone: string) => void;
  error: ApiError | null;
}) {
  const { steps, inputs, zone, error } = props;
  const { t, formatEventRange } = useI18n();
  return (
    <section className="card" aria-labelledby="plan-overview">
      <h2 id="plan-overview">{t('plan.overview')}</h2>
      <p className="muted">{t('plan.intro')}</p>
      <ol className="plan-strip" aria-label={t('plan.strip')}>
        {steps.map((s, i) => (
          <li key={i} data-kind={s.kind}>
            <span className="plan-kind">{t(`kind.${s.kind}`)}</span>
            <span className="plan-when">
              {inputs[i]
                ? formatEventRange(inputs[i].startsAt, inputs[i].endsAt, zone)
                : t('eventForm.chooseTime')}
            </span>
          </li>
        ))}
      </ol>
      <div className="field-row">
        <Field label={t('plan.seriesTitle')} name="title" error={error}>
          {(c) => (
            <input
              {...c}
              name="series-title"
              required
              maxLength={200}
              value={props.title}
              onChange={(e) => props.onTitle(e.target.value)}
            />
          )}
        </Field>
        <Field
          label={t('eventForm.timezone')}
          hint={t('plan.timezoneHint')}
          name="events.0.timezone"
          error={error}
        >
          {(c) => <TimeZoneSelect name="timezone" value={zone} onChange={props.onZone} control={c} />}
        </Field>
      </div>
      <Field label={t('plan.seriesDescription')} optional name="description" error={error}>
        {(c) => (
          <textarea
            {...c}
            name="series-description"
            rows={2}
            maxLength={20000}
            value={props.description}
            onChange={(e) => props.onDescription(e.target.value)}
          />
        )}
      </Field>
    </section>
  );
}

/** Each event of the plan as its own form, and buttons to add one of each kind. */
function PlanSteps({
  steps,
  setStep,
  removeStep,
  addStep,
  zone,
  error,
}: ReturnType<typeof usePlanSteps> & { zone: string; error: ApiError | null }) {
  const { t } = useI18n();
  return (
    <>
      <ol className="plan-steps">
        {steps.map((step, index) => (
          <li
            key={index}
            className="card plan-step"
            data-kind={step.kind}
            aria-labelledby={`step-${index}-heading`}
          >
            <EventFields
              draft={step}
              zone={zone}
              onChange={(next) => setStep(index, next)}
              error={error}
              prefix={`events.${index}.`}
              idPrefix={`step-${index}`}
              heading={
                <div className="card-head">
                  <h2 id={`step-${index}-heading`}>
                    <span className="step-number" aria-hidden="true">
                      {index + 1}
                    </span>
                    {t('plan.step', { n: index + 1, kind: t(`kind.${step.kind}`) })}
                  </h2>
                  {steps.length > 1 ? (
                    <button type="button" className="small secondary" onClick={() => removeStep(index)}>
                      {t('plan.remove')}
                      <span className="visually-hidden"> {t('plan.step', { n: index + 1, kind: '' })}</span>
                    </button>
                  ) : null}
                </div>
              }
            />
          </li>
        ))}
      </ol>
      {steps.length < MAX_EVENTS ? (
        <div className="button-row add-step">
          <span className="muted">{t('plan.add')}</span>
          {(['online_discussion', 'in_person', 'virtual_networking', 'hybrid'] as const).map((k) => (
            <button key={k} type="button" className="small secondary" onClick={() => addStep(k)}>
              + {t(`kind.${k}`)}
            </button>
          ))}
        </div>
      ) : null}
    </>
  );
}
