import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The dependency rules themselves: ESLint (the repository's own eslint.config.mjs, as `npm run lint`
 * runs it) must report each planted violation and pass a legal import; README.md's drawing must say
 * what dependency-rules.json says.
 */
const root = join(__dirname, '..');

interface RulesTable {
  libs: Record<string, { owns: string; imports: string[] }>;
  apps: Record<string, { imports: string[] }>;
  migrations: { importedBy: string[] };
}
const rules = JSON.parse(readFileSync(join(root, 'dependency-rules.json'), 'utf8')) as RulesTable;

/** A file planted for the test: paths are relative to the repository, named planted-*. */
interface Planted {
  file: string;
  code: string;
}
interface Reported {
  file: string;
  messages: { ruleId: string | null; message: string }[];
}

const BOUNDARY_RULES = new Set(['hearth/dependency-boundaries', 'import-x/no-cycle']);

/**
 * Plants files on disk (typed linting needs them in the TypeScript project, and import-x/no-cycle
 * follows imports from disk), lints them with the repository's config in a child process (ESLint loads
 * its ESM config through import(), which jest's module system does not provide), then removes them.
 */
function lint(planted: Planted[]): Map<string, string[]> {
  const script = `
    import { ESLint } from 'eslint';
    const results = await new ESLint({ cwd: process.cwd() }).lintFiles(JSON.parse(process.argv[1]));
    process.stdout.write(JSON.stringify(results.map((r) => ({ file: r.filePath, messages: r.messages }))));
  `;
  const written: string[] = [];
  let stdout: string;
  try {
    for (const { file, code } of planted) {
      const path = join(root, file);
      if (existsSync(path)) throw new Error(`${file} exists: not planting over it`);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, code);
      written.push(path);
    }
    stdout = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(planted.map((p) => p.file))],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
  } finally {
    for (const path of written) rmSync(path, { force: true });
  }
  const reported = JSON.parse(stdout) as Reported[];
  return new Map(
    reported.map((r) => [
      r.file.slice(root.length + 1),
      r.messages
        .filter((m) => m.ruleId === null || BOUNDARY_RULES.has(m.ruleId))
        .map((m) => `${m.ruleId}: ${m.message}`),
    ]),
  );
}

describe('dependency rules (npm run lint)', () => {
  const planted: Planted[] = [
    // Legal: an app through a lib's index, a lib through an allowed lib's index, within a lib.
    {
      file: 'apps/api/src/planted-legal.ts',
      code: "import { EventsService } from '@app/events';\nexport const x = EventsService;\n",
    },
    {
      file: 'libs/events/src/planted-legal.ts',
      code:
        "import { GroupsService } from '@app/community';\nimport { EventEntity } from './events/event.entity';\n" +
        'export const x = [GroupsService, EventEntity];\n',
    },
    {
      file: 'libs/runtime/src/planted-legal.ts',
      code: "import { MIGRATIONS } from '@app/migrations';\nexport const x = MIGRATIONS;\n",
    },
    // Cross-app imports, by relative path and by alias.
    {
      file: 'apps/api/src/planted-cross-app.ts',
      code: "import { startWorker } from '../../worker/src/worker';\nexport const x = startWorker;\n",
    },
    {
      file: 'apps/worker/src/planted-cross-app.ts',
      code: "import { AppModule } from '@app/api';\nexport const x = AppModule;\n",
    },
    // A lib importing an app.
    {
      file: 'libs/events/src/planted-lib-to-app.ts',
      code: "import { AppModule } from '../../../apps/api/src/app.module';\nexport const x = AppModule;\n",
    },
    // Deep imports: past a lib's index, by alias and by relative path.
    {
      file: 'apps/api/src/planted-deep.ts',
      code: "import { EventsService } from '@app/events/events/events.service';\nexport const x = EventsService;\n",
    },
    {
      file: 'libs/rsvp/src/planted-deep.ts',
      code: "import { EventsService } from '../../events/src/events/events.service';\nexport const x = EventsService;\n",
    },
    // A lib importing a lib its line does not allow (identity is below events).
    {
      file: 'libs/identity/src/planted-not-allowed.ts',
      code: "import { EventsService } from '@app/events';\nexport const x = EventsService;\n",
    },
    // A lib cycle: events may import community; community importing events closes a cycle.
    {
      file: 'libs/community/src/planted-cycle.ts',
      code: "import { EventsService } from '@app/events';\nexport const x = EventsService;\n",
    },
    // Migrations are the runtime's to compose, not an app's.
    {
      file: 'apps/api/src/planted-migrations.ts',
      code: "import { MIGRATIONS } from '@app/migrations';\nexport const x = MIGRATIONS;\n",
    },
  ];
  // A file-level cycle inside a lib: two planted files that import each other.
  const cycleDir = join(root, 'libs/core/src/planted-cycle-test');
  const cycleFiles = ['libs/core/src/planted-cycle-test/a.ts', 'libs/core/src/planted-cycle-test/b.ts'];
  planted.push(
    { file: cycleFiles[0], code: "import { b } from './b';\nexport const a = (): number => b();\n" },
    { file: cycleFiles[1], code: "import { a } from './a';\nexport const b = (): number => a();\n" },
  );
  let results: Map<string, string[]>;

  beforeAll(() => {
    if (existsSync(cycleDir)) throw new Error(`${cycleDir} exists: not planting over it`);
    try {
      results = lint(planted);
    } finally {
      rmSync(cycleDir, { recursive: true, force: true });
    }
  }, 300_000);

  const messages = (file: string): string[] => results.get(file) ?? [];

  it('passes legal imports', () => {
    expect(messages('apps/api/src/planted-legal.ts')).toEqual([]);
    expect(messages('libs/events/src/planted-legal.ts')).toEqual([]);
    expect(messages('libs/runtime/src/planted-legal.ts')).toEqual([]);
  });

  it('reports an app importing another app', () => {
    expect(messages('apps/api/src/planted-cross-app.ts')).toEqual([
      expect.stringMatching(/dependency-boundaries: .*leaves apps\/api by a relative path into apps\/worker/),
    ]);
    expect(messages('apps/worker/src/planted-cross-app.ts')).toEqual([
      expect.stringMatching(/dependency-boundaries: apps\/worker must not import the app apps\/api/),
    ]);
  });

  it('reports a lib importing an app', () => {
    expect(messages('libs/events/src/planted-lib-to-app.ts')).toEqual([
      expect.stringMatching(/leaves libs\/events by a relative path into apps\/api/),
    ]);
  });

  it('reports deep imports past a lib’s index', () => {
    expect(messages('apps/api/src/planted-deep.ts')).toEqual([
      expect.stringMatching(/reaches past @app\/events's index\.ts/),
    ]);
    expect(messages('libs/rsvp/src/planted-deep.ts')).toEqual([
      expect.stringMatching(/leaves libs\/rsvp by a relative path into libs\/events/),
    ]);
  });

  it('reports a lib importing a lib its line does not allow', () => {
    expect(messages('libs/identity/src/planted-not-allowed.ts')).toEqual([
      expect.stringMatching(/libs\/identity may not import @app\/events/),
    ]);
  });

  it('reports lib cycles: between libs by the DAG, between files by import-x/no-cycle', () => {
    expect(messages('libs/community/src/planted-cycle.ts')).toEqual([
      expect.stringMatching(/libs\/community may not import @app\/events.*would close a cycle/),
    ]);
    for (const file of cycleFiles)
      expect(messages(file)).toEqual([expect.stringMatching(/^import-x\/no-cycle: Dependency cycle/)]);
  });

  it('keeps migrations to the runtime lib', () => {
    expect(messages('apps/api/src/planted-migrations.ts')).toEqual([
      expect.stringMatching(/apps\/api may not import @app\/migrations/),
    ]);
  });
});

describe('README.md’s dependency drawing', () => {
  const existing = (lib: string): boolean => existsSync(join(root, 'libs', lib));

  /** The drawing's lines: lib, then what it may import (`every lib above` expanded). */
  function drawing(): { lib: string; imports: string[] }[] {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const start = readme.indexOf('<!-- dependency-drawing');
    expect(start).toBeGreaterThan(-1);
    const block = /```text\n([\s\S]*?)```/.exec(readme.slice(start));
    const lines = (block?.[1] ?? '').trim().split('\n');
    const seen: string[] = [];
    return lines.map((line) => {
      const match = /^([a-z0-9-]+)\s{2,}\S.*?\s{2,}imports: (.+)$/.exec(line);
      if (!match) throw new Error(`README drawing line not understood: ${line}`);
      const [, lib, list] = match;
      const imports = list
        .split(',')
        .map((s) => s.trim())
        .flatMap((s) => (s === 'every lib above' ? [...seen] : s === 'nothing' ? [] : [s]));
      seen.push(lib);
      return { lib, imports };
    });
  }

  it('has one line per existing lib, in an order where each imports only lines above it', () => {
    const lines = drawing();
    const existingLibs = Object.keys(rules.libs).filter(existing);
    expect(lines.map((l) => l.lib).sort()).toEqual(existingLibs.sort());
    lines.forEach(({ lib, imports }, index) => {
      const above = lines.slice(0, index).map((l) => l.lib);
      for (const name of imports.filter((n) => n !== '@app/migrations'))
        expect(`${lib} -> ${name}: ${above.includes(name) ? 'above' : 'not above'}`).toBe(
          `${lib} -> ${name}: above`,
        );
    });
  });

  it('says what dependency-rules.json allows (libs not created yet left out)', () => {
    for (const { lib, imports } of drawing()) {
      const allowed = rules.libs[lib].imports.filter(existing);
      expect({ lib, imports: imports.filter((n) => n !== '@app/migrations').sort() }).toEqual({
        lib,
        imports: allowed.sort(),
      });
      expect({ lib, migrations: imports.includes('@app/migrations') }).toEqual({
        lib,
        migrations: rules.migrations.importedBy.includes(lib),
      });
    }
  });

  it('covers every lib folder, and the table is a DAG', () => {
    for (const folder of readdirSync(join(root, 'libs'))) expect(Object.keys(rules.libs)).toContain(folder);
    const cycles: string[] = [];
    const visit = (name: string, trail: string[]): void => {
      if (trail.includes(name)) return void cycles.push([...trail, name].join(' -> '));
      for (const next of rules.libs[name]?.imports ?? []) visit(next, [...trail, name]);
    };
    Object.keys(rules.libs).forEach((name) => visit(name, []));
    expect(cycles).toEqual([]);
  });
});
