// Group commit of write batches (ADR 0052). Concurrent requests' batches (db/batch.ts) that
// arrive within one turn of the event loop, or while a group is being written, run together as
// ONE libSQL batch: one BEGIN IMMEDIATE … COMMIT, one turn of the process's write lock, one round
// trip to a remote database. Each member's statements run in the order the members were queued,
// so a member sees what the members before it wrote, exactly as if each batch had committed on
// its own one after the other. Every member gets its own statements' results, and only once the
// whole group has committed: nothing is answered before its writes are stored.
//
// In WAL mode a commit appends every page it changed to the log: N concurrent checks of one
// practice each rewrote the same counter, index and trigger pages N times. Grouped, the pages
// are written once per group.
//
// A member whose statement fails must fail alone and write nothing. A libSQL batch is all or
// nothing, and its error names the failing statement (`LibsqlBatchError.statementIndex`): that
// member gets the error (its index counted within its own statements), and the others run again
// as a group, from the state the rolled-back attempt started from. Any other error (no statement
// named): in this process (a `file:` database) the batch was rolled back before the error was
// thrown, so each member runs again on its own and gets what it would have got alone; on a remote
// database the outcome of an error in transit is unknown, so every member fails with it, as its
// own batch would have.
import { type Client, type InStatement, LibsqlBatchError, type ResultSet } from "@libsql/client";

/** A statement that would end (or nest) the group's transaction, and so commit its neighbours' writes. */
const TRANSACTION_CONTROL = /^\s*(?:begin|commit|end|rollback)\b/i;

interface Member {
	readonly statements: readonly InStatement[];
	readonly resolve: (results: ResultSet[]) => void;
	readonly reject: (error: unknown) => void;
}

interface Queue {
	pending: Member[];
	/** A group is scheduled or being written: new members join the next one. */
	flushing: boolean;
}

/**
 * Statements per group at most: a group of many small batches stays one request of modest size
 * to a remote database, and one write transaction short enough not to hold other writers back.
 */
export const MAX_GROUP_STATEMENTS = 1_000;

const queues = new WeakMap<Client, Queue>();
const acrossRequests = new WeakSet<Client>();

/**
 * Lets the batches of requests served by this client be committed together: only where one
 * event loop serves every request (the Node host's clients, db/client.ts). In workerd a request
 * whose answer waits on I/O made by another request is cancelled as hung ("the Workers runtime
 * canceled this request because it detected that your Worker's code had hung"), so the Worker's
 * client is never marked, and each of its batches runs on its own.
 */
export function groupAcrossRequests<C extends Client>(client: C): C {
	acrossRequests.add(client);
	return client;
}

/** Whether `groupAcrossRequests` marked this client. */
export function groupsAcrossRequests(client: Client): boolean {
	return acrossRequests.has(client);
}

/**
 * The next turn of the event loop (after the I/O callbacks of this one), where the host has it:
 * what a group commit waits for, so that the requests read in this turn join it.
 */
export const nextTurn: (run: () => void) => void =
	typeof globalThis.setImmediate === "function"
		? (run) => {
				globalThis.setImmediate(run);
			}
		: (run) => {
				setTimeout(run, 0);
			};

/**
 * Runs `statements` in one write transaction shared with the other batches queued on the same
 * client; resolves with their results once that transaction has committed. A failing statement
 * rejects this batch only, and nothing of it is written.
 */
export function groupedBatch(client: Client, statements: readonly InStatement[]): Promise<ResultSet[]> {
	if (statements.length === 0) return Promise.resolve([]);
	for (const statement of statements)
		if (TRANSACTION_CONTROL.test(typeof statement === "string" ? statement : statement.sql))
			return Promise.reject(new TypeError("A grouped batch cannot begin or end its transaction."));
	if (!acrossRequests.has(client)) return client.batch([...statements], "write");
	let queue = queues.get(client);
	if (!queue) {
		queue = { pending: [], flushing: false };
		queues.set(client, queue);
	}
	const current = queue;
	return new Promise<ResultSet[]>((resolve, reject) => {
		current.pending.push({ statements, resolve, reject });
		if (!current.flushing) {
			current.flushing = true;
			nextTurn(() => void flush(client, current));
		}
	});
}

async function flush(client: Client, queue: Queue): Promise<void> {
	try {
		while (queue.pending.length > 0) await commitTogether(client, takeGroup(queue.pending));
	} finally {
		queue.flushing = false;
	}
}

/** The oldest members, up to MAX_GROUP_STATEMENTS statements (always at least one member). */
function takeGroup(pending: Member[]): Member[] {
	let count = 0;
	let taken = 0;
	while (taken < pending.length) {
		const size = pending[taken]?.statements.length ?? 0;
		if (taken > 0 && count + size > MAX_GROUP_STATEMENTS) break;
		count += size;
		taken++;
	}
	return pending.splice(0, taken);
}

async function runAlone(client: Client, member: Member): Promise<void> {
	try {
		member.resolve(await client.batch([...member.statements], "write"));
	} catch (error) {
		member.reject(error);
	}
}

async function commitTogether(client: Client, members: readonly Member[]): Promise<void> {
	let group = members;
	while (group.length > 1) {
		try {
			const results = await client.batch(
				group.flatMap((member) => member.statements),
				"write",
			);
			let offset = 0;
			for (const member of group) {
				member.resolve(results.slice(offset, offset + member.statements.length));
				offset += member.statements.length;
			}
			return;
		} catch (error) {
			const failing = isBatchError(error) ? memberAt(group, error.statementIndex) : undefined;
			if (failing) {
				failing.member.reject(reindexed(error as LibsqlBatchError, failing.index));
				group = group.filter((member) => member !== failing.member);
				continue;
			}
			if (client.protocol === "file") {
				for (const member of group) await runAlone(client, member);
			} else for (const member of group) member.reject(error);
			return;
		}
	}
	const [alone] = group;
	if (alone) await runAlone(client, alone);
}

/** A statement of the batch failed (and the batch was rolled back): the error names which. */
function isBatchError(error: unknown): error is LibsqlBatchError {
	return (
		error instanceof LibsqlBatchError ||
		(error instanceof Error && typeof (error as Partial<LibsqlBatchError>).statementIndex === "number")
	);
}

/** The member that owns the group's statement `index`, and that statement's index in the member. */
function memberAt(
	group: readonly Member[],
	index: number,
): { readonly member: Member; readonly index: number } | undefined {
	let start = 0;
	for (const member of group) {
		if (index < start + member.statements.length) return { member, index: index - start };
		start += member.statements.length;
	}
	return undefined;
}

/** The same error, with the statement's index as the member's own batch would have given it. */
function reindexed(error: LibsqlBatchError, index: number): LibsqlBatchError {
	const prefix = error.code === undefined ? "" : `${error.code}: `;
	const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
	return new LibsqlBatchError(
		message,
		index,
		error.code,
		error.extendedCode,
		error.rawCode,
		error.cause instanceof Error ? error.cause : undefined,
	);
}
