export * from './worker.module';
export * from './inbound-smtp.listener';
