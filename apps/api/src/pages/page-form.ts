import { ExecutionContext, Type, createParamDecorator } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { DomainError } from '@app/core';

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** A posted form's own fields (urlencoded or JSON); a body of another shape is an empty form. */
function fields(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const plain: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (!UNSAFE_KEYS.has(key)) plain[key] = value;
  }
  return plain;
}

function messages(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}), ...messages(e.children ?? [])]);
}

/**
 * A page form, validated against its DTO class when the handler asks for it, so the checks a page
 * makes first (same origin, the address, signed in) answer before the form is judged, as they
 * always have. Unknown fields are dropped (browsers send what a form has), declared ones validated
 * and converted; a failure is a VALIDATION_FAILED DomainError whose message is the first problem.
 */
export class PageForm<T extends object> {
  constructor(
    private readonly dto: Type<T>,
    private readonly body: unknown,
  ) {}

  /** The converted form and the names of the fields that failed (none when it is valid). */
  check(): { form: T; invalid: string[]; errors: ValidationError[] } {
    const form = plainToInstance(this.dto, fields(this.body));
    const errors = validateSync(form, { whitelist: true, forbidNonWhitelisted: false });
    return { form, invalid: errors.map((e) => e.property), errors };
  }

  /** The valid form, or a VALIDATION_FAILED DomainError. */
  value(): T {
    const { form, errors } = this.check();
    if (errors.length > 0) {
      const [first = 'The form is not valid', ...rest] = messages(errors);
      throw new DomainError('VALIDATION_FAILED', first, {
        fields: errors.map((e) => e.property),
        ...(rest.length > 0 ? { problems: [first, ...rest] } : {}),
      });
    }
    return form;
  }
}

/**
 * `@Form(SignInPageForm) form: PageForm<SignInPageForm>`: the posted body of a member page. A custom
 * decorator, so the API's global ValidationPipe (which refuses unknown fields with JSON) leaves it be.
 */
export const Form = createParamDecorator(
  (dto: Type<object>, context: ExecutionContext) =>
    new PageForm(dto, context.switchToHttp().getRequest<{ body?: unknown }>().body),
);
