import { DynamicModule } from '@nestjs/common';
import { TypeOrmModule, TypeOrmModuleOptions } from '@nestjs/typeorm';
import { DataSource, DataSourceOptions } from 'typeorm';
import { Env } from '../config/env';
import { SchemaDefinition, buildDataSourceOptions } from './data-source-options';
import { runMigrations } from './migrate';

/**
 * The database through @nestjs/typeorm: pool options from the validated Env, the URL from the
 * bootstrap (DATABASE_URL or the embedded PostgreSQL main.ts started). The data source is opened and
 * migrated (under the advisory lock) before any module can use it; it is closed on shutdown.
 */
export function typeOrmRoot(databaseUrl: string, schema: SchemaDefinition): DynamicModule {
  return TypeOrmModule.forRootAsync({
    inject: [Env],
    useFactory: (env: Env): TypeOrmModuleOptions => ({
      ...buildDataSourceOptions(databaseUrl, schema, env.DATABASE_POOL_SIZE),
      // Boot fails at once, as it always did: main.ts's supervisor and the tests decide about retrying.
      retryAttempts: 1,
      toRetry: () => false,
    }),
    dataSourceFactory: openMigratedDataSource,
  });
}

/** Opens a data source and applies pending migrations; a failed migration closes it again. */
export async function openMigratedDataSource(options?: DataSourceOptions): Promise<DataSource> {
  if (!options) throw new Error('openMigratedDataSource needs DataSource options');
  const dataSource = await new DataSource(options).initialize();
  try {
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
