/**
 * Schema version 5: refresh_tokens loses its (family_id, generation) index. Every rotation
 * inserted into it at a page of its own, about a fifth of the pages a rotation's commit writes and
 * syncs (5.3 → 4.2 per rotation, measured on the rotation benchmark's tables). What it served is
 * covered elsewhere: the family's live token and a family's revocation use the partial unique
 * index on active tokens, and the rare reuse report of a family's latest generation reads the
 * session's tokens through `refresh_tokens_by_sid`.
 */
export const lighterRefreshTokens = `
DROP INDEX refresh_tokens_by_family;
`;
