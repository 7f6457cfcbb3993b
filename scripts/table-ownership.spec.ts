import { findViolations, rawSqlOutsideRepositories, tablesInSql } from './table-ownership';

const entity = {
  file: 'libs/rsvp/src/rsvp.entity.ts',
  text: `@Entity('rsvps')\nexport class RsvpEntity {}`,
};

describe('table ownership check', () => {
  it('reports a table named in SQL outside its owning lib', () => {
    const planted = {
      file: 'libs/events/src/planted.ts',
      text: 'export const Q = `SELECT count(*) FROM rsvps r WHERE r.event_id = $1`;',
    };
    expect(findViolations([planted])).toEqual([
      { file: 'libs/events/src/planted.ts', line: 1, table: 'rsvps', owner: 'rsvp', area: 'events' },
    ]);
  });

  it('reports QueryBuilder joins and repositories by table name or entity class', () => {
    const planted = {
      file: 'apps/api/src/planted.ts',
      text: [
        "qb.innerJoin('memberships', 'm', 'm.group_id = g.id');",
        'dataSource.getRepository(RsvpEntity);',
      ].join('\n'),
    };
    expect(findViolations([entity, planted]).map((v) => [v.line, v.table, v.area])).toEqual([
      [1, 'memberships', 'apps/api'],
      [2, 'rsvps', 'apps/api'],
    ]);
  });

  it("accepts the owner's own SQL, prose, columns and aliases", () => {
    const own = {
      file: 'libs/rsvp/src/rsvp.repository.ts',
      text: 'const Q = `SELECT * FROM rsvps WHERE event_id = $1`;',
    };
    const elsewhere = {
      file: 'libs/events/src/fine.ts',
      text: [
        "const a = 'Unsubscribe from events you follow';",
        'const b = `SELECT e.id, x.rsvps, count(*) AS rsvps FROM events e`;',
      ].join('\n'),
    };
    expect(findViolations([entity, own, elsewhere])).toEqual([]);
  });

  it('accepts a named shared read model only for the tables it lists', () => {
    const readModel = {
      file: 'libs/events/src/public/public-events.repository.ts',
      text: 'const Q = `SELECT 1 FROM events e JOIN groups g ON g.id = e.group_id JOIN users u ON true`;',
    };
    expect(findViolations([readModel]).map((v) => v.table)).toEqual(['users']);
  });

  it('finds table names only in SQL text', () => {
    expect(tablesInSql('events and rsvps')).toEqual([]);
    expect(tablesInSql('DELETE FROM rsvps WHERE id = $1')).toEqual(['rsvps']);
  });
});

describe('one data-access style', () => {
  it('reports raw SQL in a lib file that is not a repository', () => {
    const planted = {
      file: 'libs/community/src/groups/planted.service.ts',
      text: ['await tx.query(`SELECT 1`);', 'const rows = await queryRows(tx, `SELECT 2`, []);'].join('\n'),
    };
    expect(rawSqlOutsideRepositories([planted])).toEqual([
      { file: planted.file, line: 1, call: 'query' },
      { file: planted.file, line: 2, call: 'queryRows' },
    ]);
  });

  it("accepts repositories, core's database plumbing, apps and tests", () => {
    const fine = [
      { file: 'libs/community/src/groups/groups.repository.ts', text: 'await tx.query(`SELECT 1`);' },
      { file: 'libs/core/src/database/migrate.ts', text: 'await ds.query(`SELECT 1`);' },
      { file: 'apps/api/src/health/health.controller.ts', text: "await ds.query('SELECT 1');" },
    ];
    expect(rawSqlOutsideRepositories(fine)).toEqual([]);
  });
});
