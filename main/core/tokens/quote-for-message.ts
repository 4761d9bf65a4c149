const maxQuotedLength = 64;

/**
 * Quotes a value taken from a token or key set for use in a message. Such values are chosen
 * by whoever made the token, so they are shortened and their control characters escaped.
 */
export function quoteForMessage(value: string): string {
  const short = value.length > maxQuotedLength ? `${value.slice(0, maxQuotedLength)}…` : value;
  return JSON.stringify(short);
}
