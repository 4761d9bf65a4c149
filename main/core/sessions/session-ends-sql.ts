/**
 * The active sessions that end in (@afterMs, @byMs], one row each: `sid`, `ends_ms`, `cause`.
 * A session ends at the earlier of its deadlines, or at its cookie's expiry (creation + max-age
 * @cookieMs, set at login and never renewed) when that is earlier still. Two index range scans,
 * so only sessions ending in the window are read: those whose deadline falls in it
 * (sessions_by_deadline), and those whose deadline is later but whose cookie expires in it
 * (sessions_by_created). The fleet timeline counts these rows; `sessions.ending` lists them, so
 * a bar and its list always agree.
 */
export const sessionEndsSql = `
  SELECT sid, ends_ms, cause FROM (
    SELECT sid, MIN(next_deadline_ms, created_ms + @cookieMs) AS ends_ms,
           -- next < absolute exactly when idle < absolute: the index holds next_deadline_ms.
           CASE WHEN created_ms + @cookieMs < next_deadline_ms THEN 'cookie'
                WHEN next_deadline_ms < absolute_deadline_ms THEN 'idle'
                ELSE 'absolute' END AS cause
    FROM sessions INDEXED BY sessions_by_deadline
    WHERE status = 'active' AND next_deadline_ms > @afterMs AND next_deadline_ms <= @byMs
  )
  WHERE ends_ms > @afterMs
  UNION ALL
  SELECT sid, created_ms + @cookieMs, 'cookie'
  FROM sessions INDEXED BY sessions_by_created
  WHERE status = 'active' AND created_ms > @afterMs - @cookieMs
    AND created_ms <= @byMs - @cookieMs AND next_deadline_ms > @byMs`;
