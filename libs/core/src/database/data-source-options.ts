import { DataSourceOptions, MixedList, EntitySchema } from 'typeorm';

export interface SchemaDefinition {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
}

/**
 * The one place DataSource options are built: the app, the migration CLI, the tests and the
 * benchmarks all call this, so they cannot drift apart. Schema changes only through migrations.
 */
export function buildDataSourceOptions(
  url: string,
  schema: SchemaDefinition,
  poolSize = 20,
): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: schema.entities,
    migrations: schema.migrations,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Query logging would print parameters (emails, token hashes); failures surface through the error filter.
    logging: false,
    applicationName: 'hearth',
    extra: { max: poolSize, connectionTimeoutMillis: 10_000 },
  };
}
