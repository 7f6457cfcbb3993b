import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import type { ValidatorOptions } from 'class-validator';
import { DomainError } from '@app/core';

/** Where @nestjs/swagger keeps a DTO property's @ApiProperty options (its `nullable` among them). */
const API_PROPERTY_METADATA = 'swagger/apiModelProperties';

function flatten(errors: ValidationError[], parent = ''): Array<{ field: string; problems: string[] }> {
  const byField = new Map<string, string[]>();
  const walk = (list: ValidationError[], prefix: string): void => {
    for (const e of list) {
      const field = prefix ? `${prefix}.${e.property}` : e.property;
      if (e.constraints) byField.set(field, [...(byField.get(field) ?? []), ...Object.values(e.constraints)]);
      walk(e.children ?? [], field);
    }
  };
  walk(errors, parent);
  return [...byField].map(([field, problems]) => ({ field, problems }));
}

function isNullable(dto: object, property: string): boolean {
  const options: unknown = Reflect.getMetadata(
    API_PROPERTY_METADATA,
    Object.getPrototypeOf(dto) as object,
    property,
  );
  return (
    typeof options === 'object' && options !== null && (options as { nullable?: unknown }).nullable === true
  );
}

function isDto(value: unknown): value is object {
  return (
    typeof value === 'object' &&
    value !== null &&
    Reflect.getMetadataKeys(Object.getPrototypeOf(value) as object).includes(`${API_PROPERTY_METADATA}Array`)
  );
}

/**
 * `null` where the DTO (or a nested DTO) does not document the field as nullable. class-validator's
 * @IsOptional() — and PartialType, which adds it to every field — skips null as it skips a missing
 * field, so a `null` would otherwise reach the service and a NOT NULL column as a 500. The OpenAPI
 * document's `nullable: true` is the one place that says a field takes null; the API keeps to it.
 */
export function nullErrors(dto: object, path = ''): ValidationError[] {
  const errors: ValidationError[] = [];
  for (const [property, value] of Object.entries(dto) as Array<[string, unknown]>) {
    const field = path ? `${path}.${property}` : property;
    if (value === null && !isNullable(dto, property)) {
      errors.push({
        property: field,
        value,
        constraints: { isNotNull: `${field} must not be null` },
        children: [],
      });
    } else if (Array.isArray(value)) {
      value.forEach((item: unknown, i) => {
        if (isDto(item)) errors.push(...nullErrors(item, `${field}.${i}`));
      });
    } else if (isDto(value)) {
      errors.push(...nullErrors(value, field));
    }
  }
  return errors;
}

/** Valid query strings kept per DTO class: a hot listing is asked the same few ways over and over. */
const QUERY_MEMO_ENTRIES = 256;
/** Longer query strings are validated each time (the memo's keys stay small). */
const QUERY_MEMO_KEY_CHARS = 512;

/** A copy of a validated query DTO, so no handler can change the memo's instance (its arrays and dates included). */
function copyOf<T extends object>(dto: T): T {
  const copy = Object.create(Object.getPrototypeOf(dto) as object) as Record<string, unknown>;
  for (const [key, value] of Object.entries(dto)) {
    copy[key] = Array.isArray(value)
      ? [...(value as unknown[])]
      : value instanceof Date
        ? new Date(value)
        : value;
  }
  return copy as T;
}

/**
 * class-validator's findings plus the nulls it lets through (nullErrors). A query DTO that passed
 * is remembered by its exact input (the query string's values): validating and converting it again
 * would give the same instance, so the next identical query gets a copy of it without the work
 * (class-transformer and class-validator are most of a cached listing's CPU). Failures are not kept.
 */
class HearthValidationPipe extends ValidationPipe {
  private readonly queries = new WeakMap<object, Map<string, object>>();

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (metadata.type !== 'query' || !type || typeof value !== 'object' || value === null)
      return super.transform(value, metadata);
    const key = JSON.stringify(value);
    if (key.length > QUERY_MEMO_KEY_CHARS) return super.transform(value, metadata);
    let memo = this.queries.get(type);
    const known = memo?.get(key);
    if (known) return copyOf(known);
    const result = (await super.transform(value, metadata)) as unknown;
    if (typeof result !== 'object' || result === null) return result;
    if (!memo) this.queries.set(type, (memo = new Map<string, object>()));
    if (memo.size >= QUERY_MEMO_ENTRIES) memo.delete(memo.keys().next().value as string);
    memo.set(key, copyOf(result));
    return result;
  }

  protected override async validate(
    object: object,
    validatorOptions?: ValidatorOptions,
  ): Promise<ValidationError[]> {
    const errors = await super.validate(object, validatorOptions);
    return [...errors, ...nullErrors(object)];
  }
}

/** Unknown fields are refused, declared ones validated and converted; failures become VALIDATION_FAILED. */
export function createValidationPipe(): ValidationPipe {
  return new HearthValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: false,
    exceptionFactory: (errors) =>
      new DomainError('VALIDATION_FAILED', 'The request is not valid', { fields: flatten(errors) }),
  });
}
