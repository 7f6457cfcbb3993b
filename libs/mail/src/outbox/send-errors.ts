export interface SendFailure {
  permanent: boolean;
  reason: string;
}

const TRANSIENT_CODES = new Set([
  'ECONNECTION',
  'ETIMEDOUT',
  'ESOCKET',
  'ECONNREFUSED',
  'ECONNRESET',
  'EDNS',
  'EAUTH',
  'ETLS',
]);

/**
 * SMTP 5xx replies are permanent (the relay will never take this message); 4xx replies and
 * connection-level failures are worth retrying. Anything unrecognised is retried too: losing mail
 * is worse than trying again, and attempts are capped.
 */
export function classifySendError(error: unknown): SendFailure {
  const e = (error ?? {}) as {
    responseCode?: unknown;
    code?: unknown;
    message?: unknown;
    response?: unknown;
  };
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const code = typeof e.code === 'string' ? e.code : undefined;
  const text =
    typeof e.response === 'string' ? e.response : typeof e.message === 'string' ? e.message : 'unknown error';
  const reason = truncate(`${responseCode ?? code ?? 'error'}: ${text}`.replace(/\s+/g, ' '), 500);
  if (responseCode !== undefined && responseCode >= 500 && responseCode < 600)
    return { permanent: true, reason };
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500)
    return { permanent: false, reason };
  if (code !== undefined && TRANSIENT_CODES.has(code)) return { permanent: false, reason };
  return { permanent: false, reason };
}

/** Exponential backoff with ±20% jitter, so many retrying messages do not stampede together. */
export function retryDelayMs(attempt: number, baseMs: number, random: () => number = Math.random): number {
  const capped = Math.min(baseMs * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(capped * (0.8 + 0.4 * random()));
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
