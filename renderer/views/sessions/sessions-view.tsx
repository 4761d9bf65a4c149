/** The sessions view (being built). */
export function SessionsView() {
  return (
    <section className="view" aria-labelledby="sessions-title">
      <h1 id="sessions-title">Sessions</h1>
    </section>
  );
}
