import { randomBytes } from 'node:crypto';

/** 144 random bits, URL-safe: a room nobody can guess or enumerate. */
export function newRoomName(): string {
  return `hearth-${randomBytes(18).toString('base64url')}`;
}

/** The room's link from NETWORKING_ROOM_URL: `{room}` replaced, or the name appended. */
export function roomUrl(template: string, name: string): string {
  if (template.includes('{room}')) return template.split('{room}').join(encodeURIComponent(name));
  return `${template.replace(/\/+$/, '')}/${encodeURIComponent(name)}`;
}
