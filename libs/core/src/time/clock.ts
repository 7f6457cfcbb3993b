/** Injected wherever time decides an outcome, so tests can move it. */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

export function addMs(date: Date, ms: number): Date {
  return new Date(date.getTime() + ms);
}
