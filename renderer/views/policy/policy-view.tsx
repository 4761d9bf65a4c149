/** The policy view (being built). */
export function PolicyView() {
  return (
    <section className="view" aria-labelledby="policy-title">
      <h1 id="policy-title">Policy</h1>
    </section>
  );
}
