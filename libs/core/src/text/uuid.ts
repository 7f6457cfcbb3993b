const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A UUID in its canonical hyphenated form (any case): what an id must be before it reaches a uuid column. */
export const isUuid = (value: string): boolean => UUID.test(value);
