import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import * as ts from 'typescript';

/**
 * Which lib owns each table (README "Data ownership"). Only the owner's code may name a table in SQL or
 * a QueryBuilder; every other lib asks the owner through the functions its index.ts exports.
 */
export const TABLE_OWNERS: Readonly<Record<string, string>> = {
  rate_limit_hits: 'core',
  users: 'identity',
  sessions: 'identity',
  magic_links: 'identity',
  api_tokens: 'identity',
  password_failures: 'identity',
  groups: 'community',
  memberships: 'community',
  group_invites: 'community',
  topics: 'community',
  posts: 'community',
  topic_followers: 'community',
  post_reports: 'community',
  announcements: 'community',
  outbox_messages: 'mail',
  dev_mailbox_messages: 'mail',
  mail_opt_outs: 'mail',
  series: 'events',
  events: 'events',
  invitations: 'events',
  fanout_jobs: 'events',
  fanout_batches: 'events',
  event_reminders: 'events',
  cache_versions: 'events',
  rsvps: 'rsvp',
  rsvp_history: 'rsvp',
  inbound_messages: 'inbound',
  networking_settings: 'networking',
  networking_participants: 'networking',
  networking_intents: 'networking',
  networking_rooms: 'networking',
  networking_assignments: 'networking',
  networking_blocks: 'networking',
  networking_reports: 'networking',
};

/**
 * Read models shared on purpose: a file outside the owner that may read the listed tables, and why.
 * Keep it short; every entry is documented in README "Data ownership".
 */
export const SHARED_READ_MODELS: ReadonlyArray<{
  name: string;
  file: string;
  tables: readonly string[];
  why: string;
}> = [
  {
    name: 'event context',
    file: 'libs/events/src/events/event-context.repository.ts',
    tables: ['groups', 'memberships', 'rsvps'],
    why: "an event with its group, the caller's membership and RSVP status in one statement (every event read and RSVP)",
  },
  {
    name: 'invitation audience',
    file: 'libs/events/src/invitations/invitations.repository.ts',
    tables: ['users', 'groups', 'memberships', 'mail_opt_outs', 'rsvps'],
    why: 'who an event mail goes to and what each copy needs, one statement per send (10,000-invitation fan-out)',
  },
  {
    name: 'invitation list',
    file: 'libs/events/src/invitations/invitation-management.repository.ts',
    tables: ['users', 'rsvps', 'mail_opt_outs', 'outbox_messages', 'memberships'],
    why: "an event's invitations with each person's state (answered, bounced, opted out) and the counts per state, one statement per page",
  },
  {
    name: 'invitation audience candidates',
    file: 'libs/events/src/invitations/audience.repository.ts',
    tables: ['topics', 'posts', 'topic_followers', 'memberships', 'mail_opt_outs'],
    why: 'who an audience (topic participants, members, roles, named people) names, expanded in SQL batch by batch (100,000-member fan-out), and its preview counts (banned, already invited, opted out) in one statement',
  },
  {
    name: 'fan-out progress',
    file: 'libs/events/src/fanout/fanout.repository.ts',
    tables: ['outbox_messages'],
    why: "how a fan-out job's messages fared (queued, sent, failed by job_id), one aggregate per progress poll",
  },
  {
    name: 'public listing',
    file: 'libs/events/src/public/public-events.repository.ts',
    tables: ['groups', 'rsvps'],
    why: 'public events with their group and going count, one statement per page',
  },
  {
    name: 'view versions',
    file: 'libs/events/src/public/view-versions.repository.ts',
    tables: ['groups', 'rsvps', 'users'],
    why: "the version of an event's group that cached public views key on, and the going counts and attendee names (a digest) they show",
  },
  {
    name: 'calendar feeds',
    file: 'libs/events/src/feeds/feeds.repository.ts',
    tables: ['groups', 'memberships', 'rsvps'],
    why: "a feed's events with the reader's view and PARTSTAT, and its ETag, one aggregate each",
  },
  {
    name: 'member home',
    file: 'libs/events/src/home/member-home.repository.ts',
    tables: ['groups', 'memberships', 'rsvps'],
    why: 'the events a person answered or was invited to, with their group, answer and waitlist place, one statement per home page',
  },
  {
    name: 'due reminders',
    file: 'libs/events/src/reminders/reminders.repository.ts',
    tables: ['groups'],
    why: "events whose group's reminder offsets are due, one statement per sweep",
  },
  {
    name: 'member profiles',
    file: 'libs/community/src/memberships/memberships.repository.ts',
    tables: ['users'],
    why: 'display names and pronouns beside memberships, ordered by name',
  },
  {
    name: 'member profiles',
    file: 'libs/community/src/topics/posts/posts.repository.ts',
    tables: ['users'],
    why: "authors' display names beside posts",
  },
  {
    name: 'member profiles',
    file: 'libs/community/src/topics/reports/reports.repository.ts',
    tables: ['users'],
    why: "reporters' display names beside reports",
  },
  {
    name: 'member profiles',
    file: 'libs/community/src/topics/topics.repository.ts',
    tables: ['users'],
    why: "authors' display names beside topics",
  },
  {
    name: 'member profiles',
    file: 'libs/rsvp/src/attendees.repository.ts',
    tables: ['users'],
    why: "attendees' display names beside RSVPs and their history, ordered by name",
  },
  {
    name: 'announcement recipients',
    file: 'libs/community/src/announcements/announcements.repository.ts',
    tables: ['users', 'mail_opt_outs'],
    why: 'who is due an announcement or a digest, with address, language and zone, claimed in one statement per batch (100,000-member groups)',
  },
  {
    name: 'announced events',
    file: 'libs/events/src/announcements/announced-events.repository.ts',
    tables: ['rsvps'],
    why: "each recipient's RSVP status, so an announced event shows the venue only to whom decideEventView allows",
  },
  {
    name: 'reply matching',
    file: 'libs/inbound/src/inbound.repository.ts',
    tables: ['users', 'memberships', 'events', 'invitations', 'rsvps'],
    why: 'a calendar reply judged against its invitation, event, person and RSVP from one snapshot',
  },
  {
    name: 'networking rounds',
    file: 'libs/networking/src/networking-rooms.repository.ts',
    tables: ['rsvps', 'memberships'],
    why: 'who is present and going, and whether a blocked person is a member, inside the round statements',
  },
  {
    name: 'networking rounds',
    file: 'libs/networking/src/networking.repository.ts',
    tables: ['events'],
    why: "a group's reports with their event titles",
  },
  {
    name: 'member data export',
    file: 'libs/account/src/account-export.repository.ts',
    tables: Object.keys(TABLE_OWNERS).filter((t) => t !== 'rate_limit_hits' && t !== 'password_failures'),
    why: "a person's own data across every context, read in one transaction (DESIGN §5)",
  },
];

export interface Violation {
  file: string;
  line: number;
  table: string;
  owner: string;
  area: string;
}

// Uppercase keywords only: English prose ("from events") is not SQL.
const SQL_HINT = /\b(SELECT|INSERT INTO|UPDATE|DELETE FROM|FROM|JOIN|WITH|RETURNING)\b/;
const BUILDER_METHODS = new Set([
  'from',
  'into',
  'update',
  'innerJoin',
  'leftJoin',
  'innerJoinAndSelect',
  'leftJoinAndSelect',
  'innerJoinAndMapOne',
  'leftJoinAndMapOne',
  'innerJoinAndMapMany',
  'leftJoinAndMapMany',
  'getRepository',
  'forFeature',
  'InjectRepository',
]);

/** `libs/<lib>/src/…` → `<lib>`; `apps/<app>/…` → `apps/<app>` (apps own no table). */
export function areaOf(file: string): string | null {
  const parts = file.split(/[\\/]/);
  if (parts[0] === 'libs' && parts.length > 2) return parts[1];
  if (parts[0] === 'apps' && parts.length > 2) return `apps/${parts[1]}`;
  return null;
}

/** Entity class name → table, from every `@Entity('table')` in the given sources. */
export function entityTables(sources: ReadonlyArray<{ file: string; text: string }>): Map<string, string> {
  const map = new Map<string, string>();
  for (const { text } of sources) {
    for (const m of text.matchAll(/@Entity\(\s*['"]([a-z_]+)['"]\s*\)\s*(?:export\s+)?class\s+(\w+)/g)) {
      map.set(m[2], m[1]);
    }
  }
  return map;
}

/** Table names that a SQL text mentions: whole words, not a column (`x.events`) nor an alias (`AS events`). */
export function tablesInSql(sql: string): string[] {
  if (!SQL_HINT.test(sql)) return [];
  const found: string[] = [];
  for (const table of Object.keys(TABLE_OWNERS)) {
    const re = new RegExp(`(?<![.\\w$:"'])(?<!\\bAS\\s)${table}(?![\\w'"])`, 'g');
    if (re.test(sql)) found.push(table);
  }
  return found;
}

function literalText(node: ts.Node): string | null {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((s) => ` \${} ${s.literal.text}`).join('');
  }
  return null;
}

/** Every table a source file names in SQL text, in QueryBuilder calls or through an entity class. */
export function tablesInSource(
  file: string,
  text: string,
  entities: ReadonlyMap<string, string>,
): Array<{ table: string; line: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const hits: Array<{ table: string; line: number }> = [];
  const add = (table: string, node: ts.Node) =>
    hits.push({ table, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  const visit = (node: ts.Node): void => {
    const sql = literalText(node);
    if (sql !== null) {
      for (const table of tablesInSql(sql)) add(table, node);
      return;
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isPropertyAccessExpression(callee)
        ? callee.name.text
        : ts.isIdentifier(callee)
          ? callee.text
          : null;
      if (name !== null && BUILDER_METHODS.has(name)) {
        const args = node.arguments.flatMap((a) => (ts.isArrayLiteralExpression(a) ? [...a.elements] : [a]));
        for (const arg of args.slice(0, name === 'forFeature' ? undefined : 1)) {
          if (
            (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) &&
            arg.text in TABLE_OWNERS
          ) {
            add(arg.text, arg);
          } else if (ts.isIdentifier(arg) && entities.has(arg.text)) {
            add(entities.get(arg.text) as string, arg);
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return hits;
}

/** Violations in the given sources (paths relative to the repository root, `/`-separated). */
export function findViolations(sources: ReadonlyArray<{ file: string; text: string }>): Violation[] {
  const entities = entityTables(sources);
  const violations: Violation[] = [];
  for (const { file, text } of sources) {
    const area = areaOf(file);
    if (area === null) continue;
    for (const { table, line } of tablesInSource(file, text, entities)) {
      const owner = TABLE_OWNERS[table];
      if (owner === area) continue;
      if (SHARED_READ_MODELS.some((m) => m.file === file && m.tables.includes(table))) continue;
      violations.push({ file, line, table, owner, area });
    }
  }
  return violations;
}

function walk(dir: string, out: string[]): void {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist') continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.tsx?$/.test(name) && !/\.(spec|e2e-spec|d)\.tsx?$/.test(name)) out.push(path);
  }
}

/** The sources the check covers: apps/ and libs/, without tests. */
export function loadSources(root: string): Array<{ file: string; text: string }> {
  const files: string[] = [];
  for (const dir of ['apps', 'libs']) walk(join(root, dir), files);
  return files.map((path) => ({
    file: relative(root, path).split(sep).join('/'),
    text: readFileSync(path, 'utf8'),
  }));
}

/**
 * One data-access style: raw SQL (`query`, `queryRows`, `preparedRows`, `execute`, `createQueryBuilder`) runs only in a lib's
 * `*.repository.ts` classes, as named methods with the SQL beside them. Core's own database and backup
 * plumbing (migrations, the embedded server, dumps) is the one exception.
 */
export const RAW_SQL_ALLOWED_OUTSIDE_REPOSITORIES: readonly string[] = [
  'libs/core/src/database/',
  'libs/core/src/backup/',
];
const RAW_SQL_CALLS = new Set(['query', 'queryRows', 'preparedRows', 'execute', 'createQueryBuilder']);

export interface StyleViolation {
  file: string;
  line: number;
  call: string;
}

/** Raw SQL calls in lib files that are not repositories. */
export function rawSqlOutsideRepositories(
  sources: ReadonlyArray<{ file: string; text: string }>,
): StyleViolation[] {
  const violations: StyleViolation[] = [];
  for (const { file, text } of sources) {
    if (!file.startsWith('libs/') || file.endsWith('.repository.ts')) continue;
    if (RAW_SQL_ALLOWED_OUTSIDE_REPOSITORIES.some((prefix) => file.startsWith(prefix))) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const callee = node.expression;
        const name = ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : ts.isIdentifier(callee)
            ? callee.text
            : null;
        if (name !== null && RAW_SQL_CALLS.has(name)) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          violations.push({ file, line, call: name });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return violations;
}
