export * from './account-erasure.service';
export * from './account-export.service';
export * from './account.errors';
export * from './account.module';
