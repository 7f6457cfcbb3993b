import { ValidationOptions, registerDecorator } from 'class-validator';
import { LocalDateTime, isIanaTimeZone } from '@app/core';
import { isKnownTimeZone } from '@app/i18n';

export function IsIanaTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be an IANA time zone such as Europe/Berlin`,
        ...options,
      },
      validator: { validate: (value: unknown) => typeof value === 'string' && isAcceptedTimeZone(value) },
    });
}

/** A zone Hearth stores: an IANA name this runtime converts and PostgreSQL knows (see isKnownTimeZone). */
export function isAcceptedTimeZone(value: string): boolean {
  return isKnownTimeZone(value) && isIanaTimeZone(value);
}

/** An instant (turned into a Date from ISO-8601 with an offset) or a wall time to read in the event's zone. */
export function IsEventTime(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isEventTime',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `${String(propertyName)} must be ISO-8601 with an offset (2027-03-28T19:00:00+02:00), or a local time (2027-03-28T19:00) read in the event's timezone`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          (value instanceof Date && !Number.isNaN(value.getTime())) || value instanceof LocalDateTime,
      },
    });
}
