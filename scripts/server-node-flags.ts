/**
 * Node's flags for the portal's server process (`npm start`, and every server of the benchmarks,
 * the peers included, so that none is measured with a runtime setting another lacks).
 *
 * A page view allocates about 100 KB of short-lived objects (the request, the rows, the page's
 * string). With V8's default young generation (16 MB semi-spaces on 64-bit) a server at 2 000
 * page views a second scavenges several times a second, each scavenge promoting whatever the
 * 32 requests in flight still hold. 32 MB semi-spaces halve the scavenges and what they promote:
 * measured on the 100 000-member dashboard benchmark, CPU per page view 561 → 479 µs and p99
 * 54 → 45 ms (ADR 0040). It costs at most 3 × 32 MB of address space, which a server has.
 *
 * Without allocation-site pretenuring: V8 otherwise allocates straight in the old generation
 * the objects of any site whose objects once survived in numbers (a page's rows held while its
 * audit entry commits, an import's batch of lines). From then on that site's garbage, a request's
 * short-lived objects included, piles up in the old generation until a full collection: the
 * import's peak held about 40 MB of it, and the list pages' collections turned long (ADR 0055).
 */
export const SERVER_NODE_FLAGS: readonly string[] = [
	"--max-semi-space-size=32",
	"--no-allocation-site-pretenuring",
];
