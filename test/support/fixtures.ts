import { TestApp } from './app';

export interface Person {
  cookie: string;
  userId: string;
  email: string;
}

export async function person(t: TestApp, email: string, displayName?: string): Promise<Person> {
  const s = await t.sessionFor(email, displayName);
  return { ...s, email };
}

/** A group with an organizer (its owner), a topic, and members who took part in the topic. */
export async function groupWithTopic(
  t: TestApp,
  slug: string,
  opts: { visibility?: 'public' | 'unlisted' | 'private'; participants?: number } = {},
): Promise<{ organizer: Person; topicId: string; participants: Person[] }> {
  const organizer = await person(t, `organizer@${slug}.test`, 'Organizer');
  const http = t.http();
  await http
    .post('/api/groups')
    .set('Cookie', organizer.cookie)
    .send({
      slug,
      name: `Group ${slug}`,
      timezone: 'Europe/Berlin',
      visibility: opts.visibility ?? 'public',
      codeOfConduct: 'Be kind.',
    })
    .expect(201);
  const topic = await http
    .post(`/api/groups/${slug}/topics`)
    .set('Cookie', organizer.cookie)
    .send({ title: 'What should we do next?', body: 'Ideas welcome' })
    .expect(201);
  const participants: Person[] = [];
  for (let i = 0; i < (opts.participants ?? 0); i++) {
    const p = await person(t, `member${i}@${slug}.test`, `Member ${i}`);
    const join = await http.post(`/api/groups/${slug}/join`).set('Cookie', p.cookie).expect(200);
    if (join.body.status === 'pending') {
      await http
        .patch(`/api/groups/${slug}/members/${p.userId}`)
        .set('Cookie', organizer.cookie)
        .send({ status: 'active' })
        .expect(200);
    }
    await http
      .post(`/api/topics/${topic.body.id}/posts`)
      .set('Cookie', p.cookie)
      .send({ body: `I'm in (${i})` })
      .expect(201);
    participants.push(p);
  }
  return { organizer, topicId: topic.body.id as string, participants };
}

export const inDays = (days: number, hourUtc = 17): string => {
  const d = new Date(Date.now() + days * 24 * 3600_000);
  d.setUTCHours(hourUtc, 0, 0, 0);
  return d.toISOString();
};

export const hoursAfter = (iso: string, hours: number): string =>
  new Date(new Date(iso).getTime() + hours * 3600_000).toISOString();

export async function waitUntil<T>(
  probe: () => Promise<T | undefined | null | false>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * An error body without its request id, which differs per request: for tests that show two answers
 * are the same (a private group answers as a missing one does).
 */
export function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId: _requestId, ...rest } = body;
  return rest;
}
