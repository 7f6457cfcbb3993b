import * as typeorm from 'typeorm';

/**
 * Stands in for @nestjs/typeorm's `common/typeorm-compat.js` under jest (see jest.config.js): that file
 * reads `import.meta.url`, which cannot be compiled to the CommonJS jest runs. Same exports, same values.
 */
const exported = typeorm as unknown as Record<string, unknown>;
export const Connection = exported.Connection;
export const AbstractRepository = exported.AbstractRepository;
