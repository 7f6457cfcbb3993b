import type { ApiError } from '../../api';
import type { EventDraft } from './draft';

/** What each group of event fields gets from EventFields. */
export interface SectionProps {
  draft: EventDraft;
  onChange: (next: EventDraft) => void;
  set: <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => void;
  error: ApiError | null;
  /** The API's name of a field, with the form's prefix (`events.1.` inside a series). */
  name: (field: string) => string;
  idPrefix: string;
}
