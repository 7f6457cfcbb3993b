import { useState, type FormEvent } from 'react';
import { api, type Group, type TopicStatus } from '../api';
import { Badge, ErrorSummary, Field, Loading } from '../components/ui';
import { useAction, useResource } from '../hooks';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';

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
                  <bdi>{topic.title}</bdi>
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
