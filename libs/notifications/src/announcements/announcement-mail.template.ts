import { CalendarEventData, eventLabels, httpUrl } from '@app/calendar';
import { escapeHtml } from '@app/core';
import { formatRange, isRtl, timeContext, toLanguage } from '@app/i18n';
import type { RsvpLinks } from '../invitations/invitation-mail.template';
import { RenderedMail } from '../layout';
import { MailTranslate, mailWords } from '../mail-words';

export interface AnnouncedTopicItem {
  title: string;
  url: string;
}

export interface AnnouncedEventItem {
  /** The event as this recipient may see it (no venue or join link unless decideEventView allows). */
  event: CalendarEventData;
  rsvpLinks?: RsvpLinks | null;
}

export interface AnnouncementGroup {
  groupName: string;
  topics: AnnouncedTopicItem[];
  events: AnnouncedEventItem[];
  /** Items left out of this mail (shown as "and N more"). */
  more?: number;
}

export interface AnnouncementMailInput {
  /** A daily digest of several items, or one item at once. */
  kind: 'digest' | 'immediate';
  locale?: string | null;
  timeZone?: string | null;
  recipientName?: string | null;
  groups: AnnouncementGroup[];
  /** Where the member changes their announcement settings. */
  settingsUrl: string;
}

interface Line {
  text: string;
  html: string;
}

const oneLine = (value: string): string => value.replace(/\s+/g, ' ').trim();
const link = (label: string, url: string): Line => ({
  text: `${label}: ${url}`,
  html: `<a href="${escapeHtml(url)}" style="color:#7a3e9d">${escapeHtml(label)}</a>`,
});

/**
 * New topics and events of a member's groups, in their language with times in their zone: a daily
 * digest or one item at once. Each event shows only what this recipient may see of it; links open
 * pages whose buttons POST (DESIGN §5), never a change on GET.
 */
export function renderAnnouncementMail(input: AnnouncementMailInput): RenderedMail {
  const locale = toLanguage(input.locale);
  const t = mailWords(locale);
  const groups = input.groups.filter((g) => g.topics.length + g.events.length > 0);
  const count = groups.reduce((n, g) => n + g.topics.length + g.events.length, 0);
  const first = groups[0];
  const single = input.kind === 'immediate' && first ? oneItem(first) : null;
  const subject = single
    ? t(single.kind === 'topic' ? 'announce.subjectTopic' : 'announce.subjectEvent', single)
    : t('announce.subjectDigest', { count });
  const heading = single ? subject : t('announce.headingDigest');
  const intro = single
    ? t(single.kind === 'topic' ? 'announce.introTopic' : 'announce.introEvent', single)
    : t('announce.introDigest');
  const greeting = input.recipientName?.trim()
    ? t('invitation.greeting', { name: oneLine(input.recipientName) })
    : '';
  const sections = groups.map((g) => groupSection(t, input, locale, g));
  const settings = link(t('announce.settings'), httpUrl(input.settingsUrl, 'settingsUrl'));
  const footer = t('announce.footer', { groups: groups.map((g) => oneLine(g.groupName)).join(', ') });

  const text = [heading, greeting, intro, ...sections.map((s) => s.text), settings.text, footer]
    .filter((part) => part !== '')
    .join('\n\n');
  const dir = isRtl(locale) ? 'rtl' : 'ltr';
  const p = (inner: string) => `<p style="margin:0 0 16px">${inner}</p>`;
  const html = `<!doctype html>
<html lang="${locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(heading)}</title></head>
<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d1d1f;line-height:1.5;margin:0;padding:24px" dir="${dir}">
<div style="max-width:560px;margin:0 auto">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(heading)}</h1>
${greeting ? p(escapeHtml(greeting)) : ''}${p(escapeHtml(intro))}
${sections.map((s) => s.html).join('\n')}
${p(settings.html)}
<p style="margin:32px 0 0;font-size:12px;color:#666">${escapeHtml(footer)}</p>
</div>
</body>
</html>`;
  return { subject, text: `${text}\n`, html };
}

/** A user-provided value isolated in the HTML part (see @app/i18n isolate). */
const bdi = (value: string): string => `<bdi>${escapeHtml(value)}</bdi>`;

function oneItem(group: AnnouncementGroup): { kind: 'topic' | 'event'; group: string; title: string } {
  const topic = group.topics[0];
  const title = topic ? topic.title : (group.events[0]?.event.title ?? '');
  return { kind: topic ? 'topic' : 'event', group: oneLine(group.groupName), title: oneLine(title) };
}

function groupSection(
  t: MailTranslate,
  input: AnnouncementMailInput,
  locale: ReturnType<typeof toLanguage>,
  group: AnnouncementGroup,
): Line {
  const labels = eventLabels(locale);
  const items: Line[][] = [];
  for (const topic of group.topics) {
    const title = oneLine(topic.title);
    const read = link(t('announce.readTopic'), httpUrl(topic.url, 'topic.url'));
    items.push([
      {
        text: `${t('announce.newTopic')}: ${title}`,
        html: `${escapeHtml(t('announce.newTopic'))}: ${bdi(title)}`,
      },
      read,
    ]);
  }
  for (const { event, rsvpLinks } of group.events) {
    const ctx = timeContext(locale, input.locale, [input.timeZone, event.timezone]);
    const lines: Line[] = [];
    const title = oneLine(event.title);
    const head = `${t('announce.newEvent')}: ${title}`;
    lines.push({ text: head, html: `<strong>${escapeHtml(t('announce.newEvent'))}: ${bdi(title)}</strong>` });
    const range = formatRange(ctx, event.startsAt, event.endsAt);
    const when = `${t('invitation.when')}: ${range}`;
    lines.push({ text: when, html: `${escapeHtml(t('invitation.when'))}: ${bdi(range)}` });
    const location = oneLine(event.location ?? '');
    if (location) {
      const where = `${t('invitation.where')}: ${location}`;
      lines.push({ text: where, html: `${escapeHtml(t('invitation.where'))}: ${bdi(location)}` });
    }
    if (event.joinUrl) lines.push(link(labels.joinOnline, httpUrl(event.joinUrl, 'joinUrl')));
    if (event.detailsWithheld) lines.push({ text: labels.withheld, html: escapeHtml(labels.withheld) });
    lines.push(link(t('invitation.viewEvent'), httpUrl(event.eventUrl, 'eventUrl')));
    if (rsvpLinks) {
      const answers = [
        link(t('invitation.going'), httpUrl(rsvpLinks.going, 'rsvpLinks.going')),
        link(t('invitation.maybe'), httpUrl(rsvpLinks.maybe, 'rsvpLinks.maybe')),
        link(t('invitation.cantGo'), httpUrl(rsvpLinks.cantGo, 'rsvpLinks.cantGo')),
      ];
      lines.push(...answers.map((a) => ({ text: a.text, html: a.html })));
    }
    items.push(lines);
  }
  const name = oneLine(group.groupName);
  const more = group.more ? t('announce.more', { count: group.more }) : '';
  const text = [`== ${name} ==`, ...items.map((lines) => lines.map((l) => l.text).join('\n')), more]
    .filter((part) => part !== '')
    .join('\n\n');
  const html = `<h2 style="font-size:17px;margin:24px 0 8px">${bdi(name)}</h2>
${items.map((lines) => `<p style="margin:0 0 16px">${lines.map((l) => l.html).join('<br>\n')}</p>`).join('\n')}${
    more ? `\n<p style="margin:0 0 16px">${escapeHtml(more)}</p>` : ''
  }`;
  return { text, html };
}
