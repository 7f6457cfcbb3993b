export * from './automation';
export * from './inbound.types';
export * from './parse-inbound';
export * from './reply-token';
