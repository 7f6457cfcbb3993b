// @ts-check
/**
 * `hearth/dependency-boundaries`: the dependency rules of dependency-rules.json, by path.
 *
 * - An app imports libs only, through `@app/<lib>`, and only those its entry lists; never another app.
 * - A lib imports only the libs its entry lists (the DAG; so lib cycles cannot form), never an app.
 * - No deep import: `@app/<lib>/some/path` reaches past the lib's index.ts, its public surface.
 * - No relative import out of a lib or app root (`../../other/src/x`): cross through `@app/<name>`.
 * - `@app/migrations` only from the libs dependency-rules.json names (runtime).
 * Files outside apps/, libs/ and migrations/ (test/, bench/, scripts/) are not checked: tests and
 * benchmarks may reach a lib's internals (a test hook, a statement a benchmark replays). A spec file in
 * a lib may import test/support helpers.
 *
 * Options: { rules: <dependency-rules.json>, root: <repository folder> }.
 */
import path from 'node:path';

const APP_ALIAS = /^@app\/([^/]+)(\/.*)?$/;

/** Which part of the repository a file belongs to: an app, a lib, migrations, test support, or other. */
function elementOf(root, file) {
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel.startsWith('..')) return { kind: 'outside' };
  const [top, name] = rel.split('/');
  if (top === 'apps' && name) return { kind: 'app', name };
  if (top === 'libs' && name) return { kind: 'lib', name };
  if (top === 'migrations') return { kind: 'migrations', name: 'migrations' };
  if (top === 'test') return { kind: 'test', name: 'test' };
  return { kind: 'other', name: top };
}

function describe(element) {
  if (element.kind === 'app') return `apps/${element.name}`;
  if (element.kind === 'lib') return `libs/${element.name}`;
  return element.name ?? element.kind;
}

/** @type {import('eslint').Rule.RuleModule} */
export const dependencyBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: "Enforce Hearth's dependency rules (dependency-rules.json)" },
    schema: [{ type: 'object', additionalProperties: true }],
    messages: {
      appToApp: '{{from}} must not import the app {{to}}: apps depend on libs only (dependency-rules.json).',
      libToApp: '{{from}} must not import the app {{to}}: libs never depend on apps.',
      notAllowed: '{{from}} may not import @app/{{to}} (dependency-rules.json allows: {{allowed}}).{{cycle}}',
      deep: "'{{source}}' reaches past @app/{{to}}'s index.ts: import its public surface from '@app/{{to}}'.",
      crossRoot:
        "'{{source}}' leaves {{from}} by a relative path into {{to}}: import '@app/<lib>' (its index.ts) instead.",
      unknown: "'{{source}}' names no lib of dependency-rules.json.",
      self: "{{from}} imports itself through '{{source}}' (its own index.ts): import the file instead.",
      migrations: '{{from}} may not import @app/migrations (only: {{allowed}}).',
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const rules = options.rules;
    const root = options.root ?? context.cwd;
    const file = context.filename;
    const from = elementOf(root, file);
    if (from.kind !== 'app' && from.kind !== 'lib' && from.kind !== 'migrations') return {};
    const libs = rules.libs;
    const isSpec = /\.spec\.tsx?$/.test(file);

    function allowedFor(element) {
      if (element.kind === 'app') return rules.apps[element.name]?.imports ?? [];
      if (element.kind === 'lib') return libs[element.name]?.imports ?? [];
      return [];
    }

    function checkAlias(node, source, name, rest) {
      const fromName = describe(from);
      if (name === 'migrations') {
        const importedBy = rules.migrations.importedBy;
        if (!(from.kind === 'lib' && importedBy.includes(from.name)))
          context.report({
            node,
            messageId: 'migrations',
            data: { from: fromName, allowed: importedBy.join(', ') },
          });
        return;
      }
      if (rules.apps[name]) {
        const messageId = from.kind === 'app' ? 'appToApp' : 'libToApp';
        context.report({ node, messageId, data: { from: fromName, to: `apps/${name}` } });
        return;
      }
      if (!libs[name]) {
        context.report({ node, messageId: 'unknown', data: { source } });
        return;
      }
      if (rest) context.report({ node, messageId: 'deep', data: { source, to: name } });
      if (from.kind === 'lib' && from.name === name) {
        // A spec may test its lib's public surface; the lib's own code imports its files directly.
        if (!rest && !isSpec) context.report({ node, messageId: 'self', data: { source, from: fromName } });
        return;
      }
      const allowed = allowedFor(from);
      if (allowed.includes(name)) return;
      const reverse = from.kind === 'lib' && (libs[name]?.imports ?? []).includes(from.name);
      context.report({
        node,
        messageId: 'notAllowed',
        data: {
          from: fromName,
          to: name,
          allowed: allowed.length ? allowed.join(', ') : 'none',
          cycle: reverse ? ` @app/${name} may import ${fromName}: this would close a cycle.` : '',
        },
      });
    }

    function checkRelative(node, source) {
      const to = elementOf(root, path.resolve(path.dirname(file), source));
      if (to.kind === from.kind && to.name === from.name) return;
      if (to.kind === 'test' && isSpec) return;
      context.report({
        node,
        messageId: 'crossRoot',
        data: { source, from: describe(from), to: describe(to) },
      });
    }

    function check(node, source) {
      if (typeof source !== 'string') return;
      const alias = APP_ALIAS.exec(source);
      if (alias) checkAlias(node, source, alias[1], alias[2]);
      else if (source.startsWith('.')) checkRelative(node, source);
    }

    const fromSource = (node) => {
      if (node.source) check(node.source, node.source.value);
    };
    return {
      ImportDeclaration: fromSource,
      ExportNamedDeclaration: fromSource,
      ExportAllDeclaration: fromSource,
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node.source, node.source.value);
      },
      TSImportType(node) {
        const argument = node.argument;
        if (argument?.type === 'TSLiteralType' && argument.literal.type === 'Literal')
          check(argument.literal, argument.literal.value);
      },
      TSExternalModuleReference(node) {
        if (node.expression.type === 'Literal') check(node.expression, node.expression.value);
      },
      CallExpression(node) {
        const callee = node.callee;
        const first = node.arguments[0];
        if (callee.type === 'Identifier' && callee.name === 'require' && first?.type === 'Literal')
          check(first, first.value);
      },
    };
  },
};

export default { rules: { 'dependency-boundaries': dependencyBoundaries } };
