/** Reading untyped CASE JSON: an object or {}, a trimmed string or '', a link's identifier. */
export type Json = Record<string, unknown>;
export const record = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
export const str = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
/** A CASE link (`originNodeURI`, `CFItemURI`, …) names its node by `identifier`. */
export const linkId = (value: unknown) => str(record(value).identifier);
