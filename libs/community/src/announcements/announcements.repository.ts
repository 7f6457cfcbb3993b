import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { queryRows } from '@app/core';
import { GroupVisibility } from '../groups/group.entity';
import { GroupRole } from '../memberships/membership.entity';
import { AnnouncementKind, AnnouncementMode } from './announcement-modes';

/** A membership claimed for an announcement, with what its mail needs of the person and the group. */
export interface AnnouncementRecipient {
  membershipId: string;
  userId: string;
  groupId: string;
  groupName: string;
  groupVisibility: GroupVisibility;
  role: GroupRole;
  email: string;
  displayName: string;
  locale: string;
  /** Null until the person chooses a zone: the mail shows each event's own. */
  timezone: string | null;
  /** The last announcement (seq, as text: a bigint) handled for this membership. */
  announcedThrough: string;
  /** The person's local date at the time asked (digests only), YYYY-MM-DD. */
  localDate: string;
}

export interface AnnouncementItemRow {
  groupId: string;
  after: string;
  kind: AnnouncementKind;
  itemId: string;
  authorId: string | null;
  seq: string;
  topicTitle: string | null;
  topicStatus: string | null;
}

export interface AnnouncementMark {
  membershipId: string;
  through: string;
  digestOn: string | null;
}

export interface GroupPreferenceRow {
  slug: string;
  name: string;
  mode: AnnouncementMode;
}

const RECIPIENT_COLUMNS = `m.id AS "membershipId", m.user_id AS "userId", m.group_id AS "groupId",
       g.name AS "groupName", g.visibility AS "groupVisibility", m.role, u.email,
       u.display_name AS "displayName", u.locale, u.timezone, m.announced_through::text AS "announcedThrough",
       to_char(($1::timestamptz AT TIME ZONE coalesce(u.timezone, 'UTC'))::date, 'YYYY-MM-DD') AS "localDate"`;

const HAS_NEWS = `EXISTS (SELECT 1 FROM announcements a WHERE a.group_id = m.group_id AND a.seq > m.announced_through)
   AND NOT EXISTS (SELECT 1 FROM mail_opt_outs o WHERE o.user_id = m.user_id AND o.category = 'announcements')`;

/**
 * Announcements (community owns the table) and the memberships' announcement marks. Finding who is
 * due reads users (address, language, zone) and mail_opt_outs: the shared read model "announcement
 * recipients" (README "Data ownership").
 */
@Injectable()
export class AnnouncementsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(
    tx: EntityManager,
    groupId: string,
    kind: AnnouncementKind,
    itemId: string,
    authorId: string | null,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO announcements (group_id, kind, item_id, author_id) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT "UQ_announcements_kind_item_id" DO NOTHING`,
      [groupId, kind, itemId, authorId],
    );
  }

  /**
   * Numbers committed announcements. One sealer at a time (a transaction-scoped advisory lock), so
   * the numbers become visible in increasing order and a mark never passes an unnumbered item.
   */
  async seal(tx: EntityManager, limit: number): Promise<number> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('announcements_seal'))`);
    const rows = await queryRows<{ id: string }>(
      tx,
      `UPDATE announcements SET seq = nextval('announcements_seq')
        WHERE id IN (SELECT id FROM announcements WHERE seq IS NULL ORDER BY created_at, id LIMIT $1)
        RETURNING id`,
      [limit],
    );
    return rows.length;
  }

  /** 'immediate' members with news, claimed (SKIP LOCKED) until the transaction ends. */
  claimImmediate(tx: EntityManager, now: Date, limit: number): Promise<AnnouncementRecipient[]> {
    return queryRows<AnnouncementRecipient>(
      tx,
      `SELECT ${RECIPIENT_COLUMNS}
         FROM memberships m JOIN groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
        WHERE m.status = 'active' AND m.announcements = 'immediate' AND ${HAS_NEWS}
        ORDER BY m.id LIMIT $2
        FOR UPDATE OF m SKIP LOCKED`,
      [now, limit],
    );
  }

  /**
   * 'digest' memberships with news whose person's local time has passed the digest hour and who had
   * no digest on their local today, claimed (SKIP LOCKED), a person's memberships together.
   */
  claimDueDigests(
    tx: EntityManager,
    now: Date,
    hour: number,
    limit: number,
  ): Promise<AnnouncementRecipient[]> {
    return queryRows<AnnouncementRecipient>(
      tx,
      `SELECT ${RECIPIENT_COLUMNS}
         FROM memberships m JOIN groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
        WHERE m.status = 'active' AND m.announcements = 'digest' AND ${HAS_NEWS}
          AND extract(hour FROM $1::timestamptz AT TIME ZONE coalesce(u.timezone, 'UTC')) >= $2
          AND NOT EXISTS (SELECT 1 FROM memberships d
                           WHERE d.user_id = m.user_id
                             AND d.last_digest_on >= ($1::timestamptz AT TIME ZONE coalesce(u.timezone, 'UTC'))::date)
        ORDER BY m.user_id, m.id LIMIT $3
        FOR UPDATE OF m SKIP LOCKED`,
      [now, hour, limit],
    );
  }

  /** Takes the person's digest turn for this transaction; false when another worker holds it. */
  async tryLockPerson(tx: EntityManager, userId: string): Promise<boolean> {
    const [row] = await queryRows<{ locked: boolean }>(
      tx,
      `SELECT pg_try_advisory_xact_lock(7301, hashtext($1)) AS locked`,
      [userId],
    );
    return row?.locked === true;
  }

  /** Of these people, those who already had a digest on their local date at `now` (a fresh snapshot). */
  async digestedToday(tx: EntityManager, userIds: string[], now: Date): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const rows = await queryRows<{ userId: string }>(
      tx,
      `SELECT DISTINCT m.user_id AS "userId" FROM memberships m JOIN users u ON u.id = m.user_id
        WHERE m.user_id = ANY($1::uuid[]) AND m.last_digest_on >= ($2::timestamptz AT TIME ZONE coalesce(u.timezone, 'UTC'))::date`,
      [userIds, now],
    );
    return new Set(rows.map((r) => r.userId));
  }

  /** Numbered announcements after each (group, mark), oldest first, at most `perGroup` each. */
  itemsAfter(
    tx: EntityManager,
    marks: Array<{ groupId: string; after: string }>,
    perGroup: number,
  ): Promise<AnnouncementItemRow[]> {
    if (marks.length === 0) return Promise.resolve([]);
    return queryRows<AnnouncementItemRow>(
      tx,
      `SELECT x.group_id AS "groupId", x.after::text AS after, a.kind, a.item_id AS "itemId",
              a.author_id AS "authorId", a.seq::text AS seq, t.title AS "topicTitle", t.status AS "topicStatus"
         FROM unnest($1::uuid[], $2::bigint[]) AS x(group_id, after)
         CROSS JOIN LATERAL (SELECT * FROM announcements a
                              WHERE a.group_id = x.group_id AND a.seq > x.after
                              ORDER BY a.seq LIMIT $3) a
         LEFT JOIN topics t ON a.kind = 'topic' AND t.id = a.item_id
        ORDER BY a.seq`,
      [marks.map((m) => m.groupId), marks.map((m) => m.after), perGroup],
    );
  }

  /** Moves marks forward (never back) and records the digest's local date. */
  async advance(tx: EntityManager, marks: AnnouncementMark[]): Promise<void> {
    if (marks.length === 0) return;
    await tx.query(
      `UPDATE memberships m
          SET announced_through = greatest(m.announced_through, x.through),
              last_digest_on = coalesce(x.digest_on, m.last_digest_on)
         FROM unnest($1::uuid[], $2::bigint[], $3::date[]) AS x(id, through, digest_on)
        WHERE m.id = x.id`,
      [marks.map((m) => m.membershipId), marks.map((m) => m.through), marks.map((m) => m.digestOn)],
    );
  }

  /**
   * Sets a membership's mode. Coming back from 'none' starts from now: what was announced while the
   * member wanted nothing is not mailed afterwards.
   */
  async setMode(tx: EntityManager, membershipId: string, mode: AnnouncementMode): Promise<void> {
    await tx.query(
      `UPDATE memberships
          SET announced_through = CASE WHEN announcements = 'none' AND $2 <> 'none'
                                       THEN greatest(announced_through, announcements_high_water())
                                       ELSE announced_through END,
              announcements = $2
        WHERE id = $1`,
      [membershipId, mode],
    );
  }

  /** One-click unsubscribe from announcement mail: these groups' modes become 'none'. */
  async setNone(userId: string, groupIds: string[]): Promise<number> {
    const rows = await queryRows<{ id: string }>(
      this.dataSource,
      `UPDATE memberships SET announcements = 'none'
        WHERE user_id = $1 AND group_id = ANY($2::uuid[]) RETURNING id`,
      [userId, groupIds],
    );
    return rows.length;
  }

  /** The person's active memberships with their modes, by group name. */
  preferences(userId: string): Promise<GroupPreferenceRow[]> {
    return queryRows<GroupPreferenceRow>(
      this.dataSource,
      `SELECT g.slug, g.name, m.announcements AS mode
         FROM memberships m JOIN groups g ON g.id = m.group_id
        WHERE m.user_id = $1 AND m.status = 'active'
        ORDER BY lower(g.name), g.slug`,
      [userId],
    );
  }

  /** A membership's mode, or null. */
  async mode(tx: EntityManager, membershipId: string): Promise<AnnouncementMode | null> {
    const [row] = await queryRows<{ mode: AnnouncementMode }>(
      tx,
      `SELECT announcements AS mode FROM memberships WHERE id = $1`,
      [membershipId],
    );
    return row?.mode ?? null;
  }
}
