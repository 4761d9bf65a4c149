/** The keys view (being built). */
export function KeysView() {
  return (
    <section className="view" aria-labelledby="keys-title">
      <h1 id="keys-title">Keys</h1>
    </section>
  );
}
