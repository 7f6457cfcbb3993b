import { FeedIcsInput, feedEventSpecs, feedHeader } from './feed-ics';
import { writeIcsChunks } from './ics-writer';
import { addEvent, createEventContainer } from './vevent';

/**
 * Test and measurement helper: the feed as it was written before the direct VEVENT writer, every
 * event through ical-generator (`addEvent`, as invitations still are), from the same specs and
 * header. feed-vevent.spec.ts compares the two byte for byte; bench/feeds/build-timing.ts times both.
 */
export function buildFeedIcsChunksViaIcalGenerator(input: FeedIcsInput): string[] {
  const container = createEventContainer();
  const events = feedEventSpecs(input).map((spec) => addEvent(container, spec));
  return writeIcsChunks(feedHeader(input), events);
}
