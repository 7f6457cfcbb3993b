import { useState, type FormEvent } from 'react';
import { api, type HearthEvent, type Post, type Topic, type TopicStatus } from '../api';
import { Badge, ErrorSummary, Field, Loading, Page } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { EVENT_STATUS_TONE } from './event';
import { TOPIC_TONE } from './topics';

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
        <strong>
          <bdi>{post.author.displayName}</bdi>
        </strong>
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
