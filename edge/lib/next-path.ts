// `?next=` is honoured only for a same-origin relative path (SECURITY.md): "/adherent/releves"
// yes; "//evil.example", "https://evil.example", "/\\evil.example" or anything odd, no.

export function safeNext(candidate: string | undefined | null, fallback: string): string {
	if (!candidate || candidate.length > 512) return fallback;
	if (!candidate.startsWith("/") || candidate.startsWith("//") || candidate.startsWith("/\\"))
		return fallback;
	// Control characters and backslashes can be read as a scheme or a host by some browsers.
	if (
		[...candidate].some((char) => char === "\\" || char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)
	)
		return fallback;
	try {
		const resolved = new URL(candidate, "http://espace.invalid");
		if (resolved.origin !== "http://espace.invalid") return fallback;
		return resolved.pathname + resolved.search + resolved.hash;
	} catch {
		return fallback;
	}
}
