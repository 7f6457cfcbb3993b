export * from './cal-address';
export * from './classify-reply';
export * from './parse-reply';
export * from './reply.types';
