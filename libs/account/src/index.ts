// The public surface of @app/account, by name (never `export *`): anything not listed here is internal.
export { AccountErasureService } from './account-erasure.service';
export { type AccountExport, AccountExportService } from './account-export.service';
export { type AccountErrorCode } from './account.errors';
export { AccountModule } from './account.module';
