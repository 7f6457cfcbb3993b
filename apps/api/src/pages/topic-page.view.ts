import { appTime, formatDateTime } from '@app/i18n';
import type { PostView, TopicView } from '@app/community';
import { EventListItem, renderEventList } from './community-pages.view';
import { SafeHtml, html } from './html';
import { Viewer } from './member-layout';

/** Text fields have no rule in the shared stylesheet: the topic page's own, inline like the rest. */
export const TOPIC_PAGE_STYLE = html`<style>
  textarea {
    font: inherit;
    width: 100%;
    padding: 0.5rem 0.6rem;
    border: 1px solid #8a8490;
    border-radius: 6px;
    background: #fff;
    color: var(--ink);
    min-height: 6rem;
  }
  .post-actions {
    margin-top: 0.4rem;
  }
  .post-actions summary {
    font-weight: 400;
    font-size: 0.9rem;
    color: var(--muted);
  }
  .post-actions form {
    margin-top: 0.5rem;
  }
  .inline-form {
    display: inline;
  }
</style>`;

/** Everything the topic page shows, already filtered by the services (hidden content: moderators only). */
export interface TopicPageData {
  topic: TopicView;
  group: { slug: string; name: string };
  /** An active member of the group: may follow, reply (while open) and report. */
  isMember: boolean;
  timezone: string;
  posts: PostView[];
  /** The next page of replies, when there are more. */
  laterHref: string | null;
  /** This is a later page: offer the way back to the first replies. */
  firstHref: string | null;
  events: EventListItem[];
  flash: { tone: 'ok' | 'danger'; text: string } | null;
  /** What the member typed into the reply form before it was refused, to send again. */
  draft: string;
}

const MARK = '\uE000';

/**
 * A translated sentence with one person- or group-typed value isolated in <bdi>, so a Latin name
 * inside Arabic text (or the reverse) keeps its own direction: translate with `MARK` as the value.
 */
export function isolate(sentence: string, value: string): SafeHtml {
  const at = sentence.indexOf(MARK);
  if (at < 0) return html`${sentence}`;
  return html`${sentence.slice(0, at)}<bdi>${value}</bdi>${sentence.slice(at + MARK.length)}`;
}
export const ISOLATED = MARK;

function renderPost(viewer: Viewer, data: TopicPageData, post: PostView): SafeHtml {
  const { t, locale, user } = viewer;
  const canReport = data.isMember && !post.hidden && user !== null && post.author.id !== user.id;
  return html`<article class="post" id="post-${post.id}" data-post="${post.id}">
    <p class="who">
      <strong><bdi>${post.author.displayName}</bdi></strong
      >${post.author.pronouns ? html` (<bdi>${post.author.pronouns}</bdi>)` : ''} ·
      ${formatDateTime(appTime(locale, data.timezone), post.createdAt)}${
        post.hidden ? html` · <span class="badge">${t('topic.postHidden')}</span>` : ''
      }
    </p>
    <p class="prewrap" dir="auto">${post.body}</p>
    ${
      canReport
        ? html`<details class="post-actions">
            <summary>${t('topic.report')}</summary>
            <form method="post" action="/topics/${data.topic.id}/posts/${post.id}/report">
              <div class="field">
                <label for="reason-${post.id}">${t('topic.reportLabel')}</label>
                <textarea
                  id="reason-${post.id}"
                  name="reason"
                  required
                  maxlength="1000"
                  dir="auto"
                ></textarea>
              </div>
              <p class="muted">${t('topic.reportHint')}</p>
              <button type="submit" class="secondary">${t('topic.reportSubmit')}</button>
            </form>
          </details>`
        : ''
    }
  </article>`;
}

/** Reply form, or why there is none: locked, not a member, signed out. */
function renderReplyBox(viewer: Viewer, data: TopicPageData): SafeHtml {
  const { t, user } = viewer;
  const { topic } = data;
  const path = `/topics/${topic.id}`;
  let inner: SafeHtml;
  if (topic.permissions.post) {
    inner = html`<form method="post" action="${path}/posts">
      <div class="field">
        <label for="reply-body">${t('topic.replyLabel')}</label>
        <textarea id="reply-body" name="body" required maxlength="20000" dir="auto">${data.draft}</textarea>
      </div>
      <button type="submit">${t('topic.replySubmit')}</button>
    </form>`;
  } else if (topic.status !== 'open') {
    inner = html`<p data-testid="reply-closed">${t('topic.replyClosed')}</p>`;
  } else if (!user) {
    inner = html`<p>
      <a class="button" href="/sign-in?next=${encodeURIComponent(path)}">${t('topic.signInToReply')}</a>
    </p>`;
  } else {
    inner = html`<p>
      ${isolate(t('topic.joinToReply', { group: ISOLATED }), data.group.name)}
      <a href="/groups/${encodeURIComponent(data.group.slug)}">${t('topic.openGroup')}</a>
    </p>`;
  }
  return html`<section class="card" aria-labelledby="reply-heading">
    <h2 id="reply-heading">${t('topic.replyHeading')}</h2>
    ${inner}
  </section>`;
}

function renderFollowBox(viewer: Viewer, data: TopicPageData): SafeHtml {
  const { t } = viewer;
  const { topic } = data;
  // Anyone following may stop; only active members may start (the service's rule).
  if (!topic.following && !data.isMember) return html``;
  const action = topic.following ? 'unfollow' : 'follow';
  return html`<section class="card" aria-labelledby="follow-heading">
    <h2 id="follow-heading">${t('topic.followHeading')}</h2>
    <p>${topic.following ? t('topic.following') : t('topic.followHint')}</p>
    <form method="post" action="/topics/${topic.id}/${action}">
      <button type="submit" class="${topic.following ? 'secondary' : ''}" data-testid="${action}">
        ${topic.following ? t('topic.unfollow') : t('topic.follow')}
      </button>
    </form>
  </section>`;
}

export function renderTopicPage(viewer: Viewer, data: TopicPageData): SafeHtml {
  const { t, locale } = viewer;
  const { topic } = data;
  const author = topic.author?.displayName ?? t('topic.deletedAccount');
  return html`<p class="eyebrow">
      <a href="/groups/${encodeURIComponent(data.group.slug)}" data-testid="topic-group"
        ><bdi>${data.group.name}</bdi></a
      >
    </p>
    <h1 dir="auto">${topic.title}</h1>
    <p class="muted">
      ${isolate(t('topic.by', { name: ISOLATED }), author)} ·
      ${formatDateTime(appTime(locale, data.timezone), topic.createdAt)}
    </p>
    ${data.flash ? html`<div class="banner ${data.flash.tone}" role="${data.flash.tone === 'ok' ? 'status' : 'alert'}"><p>${data.flash.text}</p></div>` : ''}
    ${topic.status === 'locked' ? html`<div class="banner warn"><p>${t('topic.locked')}</p></div>` : ''}
    ${topic.status === 'hidden' ? html`<div class="banner warn"><p>${t('topic.hiddenNote')}</p></div>` : ''}
    <div class="layout">
      <div>
        ${topic.body ? html`<section class="card"><p class="prewrap" dir="auto">${topic.body}</p></section>` : ''}
        <section class="card" aria-labelledby="replies-heading">
          <h2 id="replies-heading">${t('topic.replies', { count: topic.postCount })}</h2>
          ${data.firstHref ? html`<p><a href="${data.firstHref}">${t('topic.firstReplies')}</a></p>` : ''}
          ${data.posts.length === 0 ? html`<p class="muted">${t('topic.noReplies')}</p>` : ''}
          ${data.posts.map((post) => renderPost(viewer, data, post))}
          ${data.laterHref ? html`<p><a class="button secondary" href="${data.laterHref}">${t('topic.laterReplies')}</a></p>` : ''}
        </section>
        ${renderReplyBox(viewer, data)}
      </div>
      <aside>
        ${renderFollowBox(viewer, data)}
        ${
          data.events.length > 0
            ? html`<section class="card" aria-labelledby="topic-events">
                <h2 id="topic-events">${t('topic.events')}</h2>
                ${renderEventList(viewer, data.events, '')}
              </section>`
            : ''
        }
      </aside>
    </div>`;
}
