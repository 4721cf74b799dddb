/** Limits on fetching a page for the corpus; light on purpose, so callers get the defaults without safeFetch. */

export interface FetchLimits {
  /** Largest body accepted, bytes (MAX_DOCUMENT_BYTES). */
  maxBytes: number;
  /** Until the TCP (and TLS) connection stands, per hop. */
  connectTimeoutMs: number;
  /** For the whole fetch, redirects included: a server that drips bytes slowly ends here. */
  totalTimeoutMs: number;
  maxRedirects: number;
}

export const defaultFetchLimits: FetchLimits = {
  maxBytes: 5 * 1024 * 1024,
  connectTimeoutMs: 5_000,
  totalTimeoutMs: 20_000,
  maxRedirects: 5,
};
