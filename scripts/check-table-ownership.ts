import { resolve } from 'node:path';
import { findViolations, loadSources, rawSqlOutsideRepositories } from './table-ownership';

/**
 * `npm run check:tables`: fails when a table is named in SQL or a QueryBuilder outside the lib that owns
 * it (tests and migrations are not scanned), and when a lib runs raw SQL outside its `*.repository.ts`
 * files (one data-access style). The owners and the shared read models are listed in
 * scripts/table-ownership.ts and README "Data ownership".
 */
const sources = loadSources(resolve(__dirname, '..'));
const styleViolations = rawSqlOutsideRepositories(sources);
for (const v of styleViolations) {
  console.error(
    `${v.file}:${v.line}: raw SQL (${v.call}) outside a repository; move it to a *.repository.ts method`,
  );
}
if (styleViolations.length > 0) process.exit(1);
const violations = findViolations(sources);
for (const v of violations) {
  console.error(`${v.file}:${v.line}: table "${v.table}" belongs to ${v.owner}, not ${v.area}`);
}
if (violations.length > 0) {
  console.error(
    `${violations.length} table use(s) outside the owning lib; ask the owner through its index.ts.`,
  );
  process.exit(1);
}
console.log(
  'Table ownership: every table is used only by its owning lib (or a named shared read model), and raw SQL only in repositories.',
);
