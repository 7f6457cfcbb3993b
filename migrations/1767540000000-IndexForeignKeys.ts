import { MigrationInterface, QueryRunner } from 'typeorm';

/** [index name, table, indexed expression, predicate] */
const INDEXES: Array<[string, string, string, string | null]> = [
  // Deleting a person: ON DELETE CASCADE / SET NULL finds the rows referring to them by these columns.
  ['IDX_outbox_messages_user_id', 'outbox_messages', 'user_id', 'user_id IS NOT NULL'],
  ['IDX_rsvp_history_rsvp_id', 'rsvp_history', 'rsvp_id', null],
  ['IDX_rsvp_history_actor_id', 'rsvp_history', 'actor_id', 'actor_id IS NOT NULL'],
  ['IDX_invitations_invited_by', 'invitations', 'invited_by', 'invited_by IS NOT NULL'],
  ['IDX_dev_mailbox_messages_outbox_id', 'dev_mailbox_messages', 'outbox_id', 'outbox_id IS NOT NULL'],
  ['IDX_networking_participants_user_id', 'networking_participants', 'user_id', null],
  ['IDX_networking_blocks_blocker_id', 'networking_blocks', 'blocker_id', null],
  ['IDX_networking_intents_from_user_id', 'networking_intents', 'from_user_id', null],
  ['IDX_networking_reports_room_id', 'networking_reports', 'room_id', 'room_id IS NOT NULL'],
  ['IDX_groups_created_by', 'groups', 'created_by', 'created_by IS NOT NULL'],
  ['IDX_group_invites_invited_by', 'group_invites', 'invited_by', 'invited_by IS NOT NULL'],
  ['IDX_group_invites_accepted_by', 'group_invites', 'accepted_by', 'accepted_by IS NOT NULL'],
  ['IDX_posts_hidden_by', 'posts', 'hidden_by', 'hidden_by IS NOT NULL'],
  ['IDX_post_reports_resolved_by', 'post_reports', 'resolved_by', 'resolved_by IS NOT NULL'],
  ['IDX_series_created_by', 'series', 'created_by', 'created_by IS NOT NULL'],
  ['IDX_events_created_by', 'events', 'created_by', 'created_by IS NOT NULL'],
  ['IDX_inbound_messages_resolved_by', 'inbound_messages', 'resolved_by', 'resolved_by IS NOT NULL'],
  ['IDX_inbound_messages_invitation_id', 'inbound_messages', 'invitation_id', 'invitation_id IS NOT NULL'],
  ['IDX_fanout_jobs_invited_by', 'fanout_jobs', 'invited_by', 'invited_by IS NOT NULL'],
  ['IDX_announcements_author_id', 'announcements', 'author_id', 'author_id IS NOT NULL'],
  // Deleting a topic leaves its series and events without one.
  ['IDX_series_topic_id', 'series', 'topic_id', 'topic_id IS NOT NULL'],
  ['IDX_events_topic_id', 'events', 'topic_id', 'topic_id IS NOT NULL'],
  // Deleting a person also deletes what was kept by their address only (AccountErasureService).
  ['IDX_outbox_messages_recipient_unowned', 'outbox_messages', 'lower(recipient)', 'user_id IS NULL'],
  ['IDX_dev_mailbox_messages_recipient', 'dev_mailbox_messages', 'lower(recipient)', null],
  ['IDX_group_invites_email', 'group_invites', 'lower(email)', null],
];

/**
 * Every foreign key gets an index led by its column (test/schema-indexes.e2e-spec.ts keeps it so):
 * without one, deleting a person made PostgreSQL scan each referring table once per deleted row —
 * the outbox and the invitations of a large group, the RSVP history once per RSVP — inside the
 * transaction that holds the locks of every event they had answered. Mail and invitations kept by
 * address only are found by their address the same way.
 */
export class IndexForeignKeys1767540000000 implements MigrationInterface {
  name = 'IndexForeignKeys1767540000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [name, table, expression, predicate] of INDEXES) {
      await q.query(
        `CREATE INDEX "${name}" ON ${table} (${expression})${predicate ? ` WHERE ${predicate}` : ''}`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [name] of [...INDEXES].reverse()) await q.query(`DROP INDEX "${name}"`);
  }
}
