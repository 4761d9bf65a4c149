/**
 * Schema version 4: the indexes two history reads lacked. Recent login reports are listed newest
 * first, and the retention forgets finished logout deliveries by age; both read a page or a chunk
 * in order instead of sorting the table.
 */
export const historyIndexes = `
CREATE INDEX session_participants_by_reported ON session_participants (reported_ms);
CREATE INDEX logout_deliveries_finished ON logout_deliveries (finished_ms)
  WHERE finished_ms IS NOT NULL;
`;
