import { chooseTool, parsePgToolMajor } from './pg-tools';

describe('pg_dump selection', () => {
  it('reads the major version from --version output', () => {
    expect(parsePgToolMajor('pg_dump (PostgreSQL) 15.20 (Debian 15.20-0+deb12u1)\n')).toBe(15);
    expect(parsePgToolMajor('pg_restore (PostgreSQL) 18.4\n')).toBe(18);
    expect(parsePgToolMajor('pg_dump (PostgreSQL) 9.6.24\n')).toBe(9);
    expect(parsePgToolMajor('something else')).toBeNull();
  });

  it('takes the newest client, and only one at least as new as the server', () => {
    const tools = [
      { path: '/usr/lib/postgresql/15/bin/pg_dump', major: 15 },
      { path: '/opt/pg17/bin/pg_dump', major: 17 },
    ];
    expect(chooseTool(tools, 13)?.major).toBe(17);
    expect(chooseTool(tools, 17)?.path).toBe('/opt/pg17/bin/pg_dump');
    expect(chooseTool(tools, 18)).toBeNull();
    expect(chooseTool([], 15)).toBeNull();
  });
});
