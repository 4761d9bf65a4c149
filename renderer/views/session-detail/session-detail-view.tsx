/** One session: its timeline, refresh tree, where it is in use and its events (being built). */
export function SessionDetailView({ sid }: { sid: string }) {
  return (
    <section className="view" aria-labelledby="session-detail-title">
      <h1 id="session-detail-title">Session {sid}</h1>
    </section>
  );
}
