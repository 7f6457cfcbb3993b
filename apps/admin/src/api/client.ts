/**
 * The admin app's only way out: same-origin fetch to the Hearth HTTP API with the session cookie,
 * through an openapi-fetch client typed by the generated schema (paths, bodies and answers).
 */
import createClient from 'openapi-fetch';
import { ApiError, networkError, toApiError } from './errors';
import type { paths } from './schema';

/** Fired when the API says the session is gone, so the app can show the sign-in screen. */
export const SIGNED_OUT_EVENT = 'hearth:signed-out';

export const client = createClient<paths>({
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
});

interface Outcome<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/**
 * Awaits an openapi-fetch call: its data when the answer is 2xx, else an ApiError from the API's JSON
 * error body (an UNAUTHENTICATED one also fires SIGNED_OUT_EVENT); a failed fetch is a NETWORK error.
 */
export async function call<T>(pending: Promise<Outcome<T>>): Promise<T> {
  let outcome: Outcome<T>;
  try {
    outcome = await pending;
  } catch {
    throw networkError();
  }
  const { data, error, response } = outcome;
  if (!response.ok) {
    const failure = toApiError(response.status, error);
    if (failure.code === 'UNAUTHENTICATED') window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
    throw failure;
  }
  return data as T;
}

export { ApiError };
