// libSQL frees a finished statement's native memory only when the event loop gets a turn: a long
// loop of awaited queries must yield now and then, or its memory grows with every statement
// (seen while seeding: about 0.5 MB per statement). A macrotask turn is enough.
export function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 0));
}
