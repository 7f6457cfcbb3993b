import { DataSource } from 'typeorm';
import { buildDataSourceOptions, runMigrations } from '@app/core';
import { HEARTH_SCHEMA } from './schema';

/** Connects to Hearth's database and brings its schema up to date; a failed migration closes the pool. */
export async function openHearthDatabase(databaseUrl: string, poolSize: number): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(databaseUrl, HEARTH_SCHEMA, poolSize));
  await dataSource.initialize();
  try {
    await runMigrations(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
