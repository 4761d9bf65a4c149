/** The events view (being built). */
export function EventsView() {
  return (
    <section className="view" aria-labelledby="events-title">
      <h1 id="events-title">Events</h1>
    </section>
  );
}
