import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/core';

// Each section is the person's own rows, without secrets (password and token hashes, raw messages
// that may name other people, other people's ids): what they wrote, answered, were sent and chose.
// Links in the mail sent to them are removed (sign-in, one-click RSVP and unsubscribe links still
// work for a while, and an export file travels); mail received is only what came from their address
// (replies quarantined under their invitation may have come from someone else).
const EXPORT = `
  SELECT jsonb_build_object(
    'format', 'hearth-account-export/1',
    'exportedAt', now(),
    'profile', (SELECT to_jsonb(u) - 'password_hash' FROM users u WHERE u.id = $1),
    'memberships', (
      SELECT coalesce(jsonb_agg(to_jsonb(m) - 'user_id' || jsonb_build_object('group_slug', g.slug, 'group_name', g.name)
                                ORDER BY m.created_at), '[]')
        FROM memberships m JOIN groups g ON g.id = m.group_id WHERE m.user_id = $1),
    'topics', (
      SELECT coalesce(jsonb_agg(to_jsonb(t) ORDER BY t.created_at), '[]') FROM topics t WHERE t.author_id = $1),
    'posts', (
      SELECT coalesce(jsonb_agg(to_jsonb(p) - 'hidden_by' ORDER BY p.created_at), '[]')
        FROM posts p WHERE p.author_id = $1),
    'followedTopics', (
      SELECT coalesce(jsonb_agg(to_jsonb(f) - 'user_id' ORDER BY f.created_at), '[]')
        FROM topic_followers f WHERE f.user_id = $1),
    'reportsFiled', (
      SELECT coalesce(jsonb_agg(to_jsonb(r) - 'reporter_id' - 'resolved_by' ORDER BY r.created_at), '[]')
        FROM post_reports r WHERE r.reporter_id = $1),
    'rsvps', (
      SELECT coalesce(jsonb_agg(to_jsonb(r) - 'user_id' - 'waitlist_seq'
                                || jsonb_build_object(
                                     'event_title', e.title, 'event_starts_at', e.starts_at,
                                     'history', (SELECT coalesce(jsonb_agg(to_jsonb(h) - 'user_id' - 'actor_id' - 'rsvp_id'
                                                                           ORDER BY h.created_at, h.id), '[]')
                                                   FROM rsvp_history h WHERE h.rsvp_id = r.id))
                                ORDER BY r.created_at), '[]')
        FROM rsvps r JOIN events e ON e.id = r.event_id WHERE r.user_id = $1),
    'invitations', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('event_id', i.event_id, 'event_title', e.title,
                                                   'invited_at', i.created_at, 'last_sent_at', i.last_sent_at,
                                                   'revoked_at', i.revoked_at) ORDER BY i.created_at), '[]')
        FROM invitations i JOIN events e ON e.id = i.event_id WHERE i.user_id = $1),
    'mailOptOuts', (
      SELECT coalesce(jsonb_agg(to_jsonb(o) - 'user_id' ORDER BY o.created_at), '[]')
        FROM mail_opt_outs o WHERE o.user_id = $1),
    'sessions', (
      SELECT coalesce(jsonb_agg(to_jsonb(s) - 'user_id' - 'token_hash' ORDER BY s.created_at), '[]')
        FROM sessions s WHERE s.user_id = $1),
    'apiTokens', (
      SELECT coalesce(jsonb_agg(to_jsonb(a) - 'user_id' - 'token_hash' ORDER BY a.created_at), '[]')
        FROM api_tokens a WHERE a.user_id = $1),
    'mailSentToYou', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('purpose', m.purpose, 'to', m.recipient, 'subject', m.subject,
                                                   'text', regexp_replace(m.text_body, 'https?://[^[:space:]]+', '[link removed]', 'g'),
                                                   'status', m.status,
                                                   'queued_at', m.created_at, 'sent_at', m.sent_at)
                                ORDER BY m.created_at), '[]')
        FROM outbox_messages m WHERE m.user_id = $1),
    'mailFromYou', (
      SELECT coalesce(jsonb_agg(jsonb_build_object('received_at', m.received_at, 'channel', m.channel,
                                                   'from', m.from_address, 'outcome', m.outcome, 'reason', m.reason,
                                                   'event_id', m.event_id, 'answer', m.partstat,
                                                   'comment', m.comment) ORDER BY m.received_at), '[]')
        FROM inbound_messages m, users u
       WHERE u.id = $1 AND (lower(m.from_address) = lower(u.email) OR lower(m.envelope_from) = lower(u.email)))
  ) AS document`;

/**
 * The member data export, a read model shared on purpose (README "Data ownership"): one statement over
 * every context's tables, so the document is one consistent snapshot.
 */
@Injectable()
export class AccountExportRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The person's export document, or null when no such user exists. */
  async document<T>(userId: string): Promise<(T & { profile: unknown }) | null> {
    const [row] = await queryRows<{ document: T & { profile: unknown } }>(this.dataSource, EXPORT, [userId]);
    return row?.document ?? null;
  }
}
