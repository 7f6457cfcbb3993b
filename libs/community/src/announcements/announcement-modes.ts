/** How a member hears of a group's new topics and events (issue 12 part 2). */
export const ANNOUNCEMENT_MODES = ['immediate', 'digest', 'none'] as const;
export type AnnouncementMode = (typeof ANNOUNCEMENT_MODES)[number];

export const ANNOUNCEMENT_KINDS = ['topic', 'event'] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

/** Purpose claim of the one-click token that quiets announcements of the groups a mail spoke for. */
export const ANNOUNCEMENTS_UNSUBSCRIBE_PURPOSE = 'announcements-unsubscribe';
