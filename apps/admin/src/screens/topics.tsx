import { useState, type FormEvent } from 'react';
import {
  api,
  type ApiError,
  type Group,
  type HearthEvent,
  type Post,
  type Report,
  type ReportStatus,
  type Topic,
  type TopicStatus,
} from '../api';
import { Badge, ErrorSummary, Field, Loading, Notice, Page } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { EVENT_STATUS_TONE } from './event';

export const TOPIC_TONE: Record<TopicStatus, string> = {
  open: 'active',
  locked: 'pending',
  hidden: 'banned',
};

/** A group's discussions: start one, and the list, most recently active first. */
export function TopicsSection({ group }: { group: Group }) {
  const { t, formatDateTime } = useI18n();
  const topics = useResource(() => api.topics(group.slug), `topics:${group.slug}`);
  const isMember = group.membership?.status === 'active';

  return (
    <>
      {isMember ? <NewTopicForm group={group} /> : null}
      <section className="card" aria-labelledby="topics-heading">
        <h2 id="topics-heading">{t('topics.heading')}</h2>
        {topics.loading && !topics.data ? <Loading /> : null}
        <ErrorSummary error={topics.error} />
        {topics.data && topics.data.items.length === 0 ? <p className="muted">{t('topics.empty')}</p> : null}
        {topics.data && topics.data.items.length > 0 ? (
          <ul className="item-list">
            {topics.data.items.map((topic) => (
              <li key={topic.id}>
                <Link to={`/topics/${encodeURIComponent(topic.id)}`} className="item-title">
                  {topic.title}
                </Link>
                <span className="meta">
                  {t('topics.byline', {
                    name: topic.author?.displayName ?? t('topics.deleted'),
                    n: topic.postCount,
                    when: formatDateTime(topic.lastActivityAt),
                  })}
                </span>
                <span className="badges">
                  {topic.status !== 'open' ? (
                    <Badge tone={TOPIC_TONE[topic.status]}>{t(`topicStatus.${topic.status}`)}</Badge>
                  ) : null}
                  {topic.following ? <Badge tone="queued">{t('topics.following')}</Badge> : null}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

function NewTopicForm({ group }: { group: Group }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const create = useAction((tt: string, b: string) => api.createTopic(group.slug, tt, b));
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const topic = await create.run(title.trim(), body);
    if (topic) navigate(`/topics/${encodeURIComponent(topic.id)}`);
  };
  return (
    <details className="card disclosure">
      <summary>
        <span className="summary-title">{t('topics.new')}</span>
      </summary>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <Field label={t('topics.titleLabel')} name="title" error={create.error}>
          {(c) => (
            <input
              {...c}
              name="topic-title"
              required
              maxLength={200}
              value={title}
              onChange={(e) => setTitle(e.target.value)}
            />
          )}
        </Field>
        <Field label={t('topics.bodyLabel')} optional name="body" error={create.error}>
          {(c) => (
            <textarea
              {...c}
              name="topic-body"
              rows={4}
              maxLength={20000}
              value={body}
              onChange={(e) => setBody(e.target.value)}
            />
          )}
        </Field>
        <ErrorSummary error={create.error} />
        <button type="submit" disabled={create.pending}>
          {create.pending ? t('topics.creating') : t('topics.create')}
        </button>
      </form>
    </details>
  );
}

export function TopicScreen({ id }: { id: string }) {
  const { t } = useI18n();
  const topic = useResource(() => api.topic(id), `topic:${id}`);
  return (
    <Page
      title={topic.data?.title ?? t('topics.topic')}
      actions={
        topic.data && topic.data.status !== 'open' ? (
          <Badge tone={TOPIC_TONE[topic.data.status]}>{t(`topicStatus.${topic.data.status}`)}</Badge>
        ) : null
      }
    >
      {topic.loading && !topic.data ? <Loading /> : null}
      <ErrorSummary error={topic.error} />
      {topic.data ? <TopicBody topic={topic.data} onChanged={topic.reload} /> : null}
    </Page>
  );
}

function TopicBody({ topic, onChanged }: { topic: Topic; onChanged: () => void }) {
  const { t, formatDateTime } = useI18n();
  const group = useResource(() => api.group(topic.groupSlug), `group:${topic.groupSlug}`);
  const posts = useResource(() => api.posts(topic.id), `posts:${topic.id}`);
  const canSchedule = group.data?.permissions.edit === true;
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/groups/${encodeURIComponent(topic.groupSlug)}/topics`}>
          {group.data?.name ?? topic.groupSlug}
        </Link>
      </p>
      <div className="topic-layout">
        <div>
          <article className="card post topic-opening">
            <p className="meta">
              {t('topics.openedBy', {
                name: topic.author?.displayName ?? t('topics.deleted'),
                when: formatDateTime(topic.createdAt),
              })}
            </p>
            {topic.body ? (
              <p className="prewrap">{topic.body}</p>
            ) : (
              <p className="muted">{t('topics.noBody')}</p>
            )}
          </article>
          <section aria-labelledby="posts-heading">
            <h2 id="posts-heading" className="section-heading">
              {t('topics.posts', { n: posts.data?.items.length ?? topic.postCount })}
            </h2>
            {posts.loading && !posts.data ? <Loading /> : null}
            <ErrorSummary error={posts.error} />
            {posts.data?.items.map((post) => (
              <PostItem key={post.id} post={post} onChanged={posts.reload} />
            ))}
            {topic.permissions.post ? <ReplyForm topic={topic} onPosted={posts.reload} /> : null}
            {!topic.permissions.post && topic.status === 'locked' ? (
              <p className="muted">{t('topics.lockedNote')}</p>
            ) : null}
          </section>
        </div>
        <aside className="topic-side">
          {canSchedule ? (
            <section className="card accent" aria-labelledby="schedule-heading">
              <h2 id="schedule-heading">{t('topics.scheduleHeading')}</h2>
              <p className="muted">{t('topics.scheduleIntro')}</p>
              <Link to={`/topics/${encodeURIComponent(topic.id)}/schedule`} className="button">
                {t('topics.schedule')}
              </Link>
            </section>
          ) : null}
          <FollowCard topic={topic} onChanged={onChanged} />
          {topic.permissions.moderate ? <TopicModeration topic={topic} onChanged={onChanged} /> : null}
          <TopicEvents topic={topic} />
          <p>
            <a href={`/topics/${encodeURIComponent(topic.id)}`}>{t('topics.memberPage')}</a>
          </p>
        </aside>
      </div>
    </>
  );
}

function PostItem({ post, onChanged }: { post: Post; onChanged: () => void }) {
  const { t, formatDateTime } = useI18n();
  const toggle = useAction((hidden: boolean) => api.setPostHidden(post.id, hidden));
  return (
    <article className={post.hidden ? 'card post hidden-post' : 'card post'} data-post={post.id}>
      <p className="meta">
        <strong>{post.author.displayName}</strong>
        {post.author.pronouns ? ` (${post.author.pronouns})` : ''} · {formatDateTime(post.createdAt)}
        {post.editedAt ? ` · ${t('topics.edited')}` : ''}
        {post.hidden ? (
          <>
            {' '}
            <Badge tone="banned">{t('topics.hiddenPost')}</Badge>
          </>
        ) : null}
      </p>
      <p className="prewrap" dir="auto">
        {post.body}
      </p>
      {post.permissions.moderate ? (
        <>
          <button
            type="button"
            className="small secondary"
            disabled={toggle.pending}
            onClick={() => void toggle.run(!post.hidden).then((r) => r && onChanged())}
          >
            {post.hidden ? t('topics.unhidePost') : t('topics.hidePost')}
          </button>
          <ErrorSummary error={toggle.error} />
        </>
      ) : null}
    </article>
  );
}

function ReplyForm({ topic, onPosted }: { topic: Topic; onPosted: () => void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const post = useAction((text: string) => api.createPost(topic.id, text));
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    if (await post.run(body)) {
      setBody('');
      onPosted();
    }
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)}>
      <Field label={t('topics.reply')} name="body" error={post.error}>
        {(c) => (
          <textarea
            {...c}
            name="reply"
            rows={3}
            required
            maxLength={20000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <ErrorSummary error={post.error} />
      <button type="submit" disabled={post.pending}>
        {t('topics.post')}
      </button>
    </form>
  );
}

function FollowCard({ topic, onChanged }: { topic: Topic; onChanged: () => void }) {
  const { t } = useI18n();
  const follow = useAction(() => api.followTopic(topic.id).then(() => true));
  if (topic.following) {
    return (
      <p className="muted">
        <Badge tone="queued">{t('topics.following')}</Badge> {t('topics.followingNote')}
      </p>
    );
  }
  if (!topic.permissions.post) return null;
  return (
    <section className="card" aria-labelledby="follow-heading">
      <h2 id="follow-heading">{t('topics.followHeading')}</h2>
      <p className="muted">{t('topics.followIntro')}</p>
      <ErrorSummary error={follow.error} />
      <button
        type="button"
        className="secondary"
        disabled={follow.pending}
        onClick={() => void follow.run().then((ok) => ok && onChanged())}
      >
        {t('topics.follow')}
      </button>
    </section>
  );
}

function TopicModeration({ topic, onChanged }: { topic: Topic; onChanged: () => void }) {
  const { t } = useI18n();
  const update = useAction((status: TopicStatus) => api.updateTopic(topic.id, { status }));
  const set = (status: TopicStatus): void => void update.run(status).then((r) => r && onChanged());
  return (
    <section className="card" aria-labelledby="moderate-heading">
      <h2 id="moderate-heading">{t('topics.moderate')}</h2>
      <p className="muted">{t(`topics.statusNote.${topic.status}`)}</p>
      <ErrorSummary error={update.error} />
      <div className="button-row">
        {topic.status === 'open' ? (
          <button type="button" className="secondary" disabled={update.pending} onClick={() => set('locked')}>
            {t('topics.lock')}
          </button>
        ) : (
          <button type="button" className="secondary" disabled={update.pending} onClick={() => set('open')}>
            {topic.status === 'locked' ? t('topics.unlock') : t('topics.unhide')}
          </button>
        )}
        {topic.status !== 'hidden' ? (
          <button type="button" className="danger" disabled={update.pending} onClick={() => set('hidden')}>
            {t('topics.hide')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

/** Events that grew from this topic (any series), soonest first. */
function TopicEvents({ topic }: { topic: Topic }) {
  const { t, formatEventRange } = useI18n();
  const events = useResource(
    () => api.groupEvents(topic.groupSlug, { limit: 100 }),
    `group-events:${topic.groupSlug}:${topic.id}`,
  );
  const mine: HearthEvent[] = (events.data?.items ?? []).filter((e) => e.topicId === topic.id);
  if (!events.data || mine.length === 0) return null;
  return (
    <section className="card" aria-labelledby="topic-events">
      <h2 id="topic-events">{t('topics.events')}</h2>
      <ul className="event-mini">
        {mine.map((e) => (
          <li key={e.id}>
            <Link to={`/events/${encodeURIComponent(e.id)}`}>{e.title}</Link>
            <span className="meta">{formatEventRange(e.startsAt, e.endsAt, e.timezone)}</span>
            {e.status !== 'scheduled' ? (
              <Badge tone={EVENT_STATUS_TONE[e.status] ?? 'queued'}>{t(`eventStatus.${e.status}`)}</Badge>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

const REPORT_TABS: ReportStatus[] = ['open', 'resolved', 'dismissed'];

/** The moderation queue: reported posts, with hide and resolve/dismiss. */
export function ModerationSection({ group, status }: { group: Group; status: ReportStatus }) {
  const { t } = useI18n();
  const reports = useResource(() => api.reports(group.slug, status), `reports:${group.slug}:${status}`);
  const [outcome, setOutcome] = useState<{ text: string; error: ApiError | null } | null>(null);
  if (!group.permissions.moderate) return <p className="muted">{t('reports.moderatorsOnly')}</p>;
  const base = `/groups/${encodeURIComponent(group.slug)}/reports`;
  return (
    <section className="card" aria-labelledby="reports-heading">
      <h2 id="reports-heading">{t('reports.heading')}</h2>
      <p className="muted">{t('reports.intro')}</p>
      <nav className="tabs" aria-label={t('reports.tabs')}>
        <ul>
          {REPORT_TABS.map((s) => (
            <li key={s}>
              <Link to={`${base}?status=${s}`} aria-current={s === status ? 'page' : undefined}>
                {t(`reportStatus.${s}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {outcome?.error ? <ErrorSummary error={outcome.error} title={outcome.text} /> : null}
      {outcome && !outcome.error ? <Notice>{outcome.text}</Notice> : null}
      {reports.loading && !reports.data ? <Loading /> : null}
      <ErrorSummary error={reports.error} />
      {reports.data && reports.data.items.length === 0 ? <p className="muted">{t('reports.empty')}</p> : null}
      {reports.data?.items.map((r) => (
        <ReportItem
          key={r.id}
          report={r}
          onDone={(text, error) => {
            setOutcome({ text, error });
            reports.reload();
          }}
        />
      ))}
    </section>
  );
}

function ReportItem({
  report,
  onDone,
}: {
  report: Report;
  onDone: (text: string, error: ApiError | null) => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: string): Promise<void> => {
    setBusy(true);
    try {
      await work();
      onDone(done, null);
    } catch (error) {
      onDone(t('reports.failed'), error as ApiError);
    } finally {
      setBusy(false);
    }
  };
  return (
    <article className="report" data-report={report.id}>
      <p className="meta">
        {t('reports.reported', { when: formatDateTime(report.createdAt) })} ·{' '}
        <Link to={`/topics/${encodeURIComponent(report.post.topicId)}`}>{report.post.topicTitle}</Link>
      </p>
      <p>
        <strong>{t('reports.reason')}:</strong> <span dir="auto">{report.reason}</span>
      </p>
      <blockquote className="prewrap" dir="auto">
        <span className="meta">{report.post.author.displayName}:</span> {report.post.body}
      </blockquote>
      {report.status === 'open' ? (
        <div className="button-row">
          {!report.post.hidden ? (
            <button
              type="button"
              className="danger small"
              disabled={busy}
              onClick={() =>
                void run(async () => {
                  await api.setPostHidden(report.post.id, true);
                  await api.resolveReport(report.id, 'resolved');
                }, t('reports.hidden'))
              }
            >
              {t('reports.hideAndResolve')}
            </button>
          ) : null}
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => void run(() => api.resolveReport(report.id, 'resolved'), t('reports.resolved'))}
          >
            {t('reports.resolve')}
          </button>
          <button
            type="button"
            className="secondary small"
            disabled={busy}
            onClick={() => void run(() => api.resolveReport(report.id, 'dismissed'), t('reports.dismissed'))}
          >
            {t('reports.dismiss')}
          </button>
        </div>
      ) : (
        <p className="meta">
          <Badge tone={report.status === 'resolved' ? 'active' : 'private'}>
            {t(`reportStatus.${report.status}`)}
          </Badge>{' '}
          {formatDateTime(report.resolvedAt)}
        </p>
      )}
    </article>
  );
}
