/** The timeline view (being built). */
export function TimelineView() {
  return (
    <section className="view" aria-labelledby="timeline-title">
      <h1 id="timeline-title">Timeline</h1>
    </section>
  );
}
