import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEntity } from './event.entity';

export type EventChangeHook = (tx: EntityManager, before: EventEntity, after: EventEntity) => Promise<void>;

/**
 * Lets contexts that depend on events react inside the same transaction as an event change (the RSVP
 * context promotes from the waitlist when capacity grows) without events depending on them.
 */
@Injectable()
export class EventHooks {
  private readonly afterChange: EventChangeHook[] = [];

  onChange(hook: EventChangeHook): void {
    this.afterChange.push(hook);
  }

  async changed(tx: EntityManager, before: EventEntity, after: EventEntity): Promise<void> {
    for (const hook of this.afterChange) await hook(tx, before, after);
  }
}
