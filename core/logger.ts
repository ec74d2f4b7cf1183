// Structured JSON logs, one line per event. Callers pass identifiers only: never a name, an
// e-mail address, an IBAN, a NIR, a password or a token (SECURITY.md).

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
	debug(message: string, fields?: LogFields): void;
	info(message: string, fields?: LogFields): void;
	warn(message: string, fields?: LogFields): void;
	error(message: string, fields?: LogFields): void;
}

const ORDER: Record<LogLevel | "silent", number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

export function createLogger(
	level: LogLevel | "silent",
	write: (line: string) => void = (line) => console.log(line),
	clock: () => Date = () => new Date(),
): Logger {
	const log = (entryLevel: LogLevel, message: string, fields?: LogFields): void => {
		if (ORDER[entryLevel] < ORDER[level]) return;
		write(JSON.stringify({ time: clock().toISOString(), level: entryLevel, msg: message, ...fields }));
	};
	return {
		debug: (message, fields) => log("debug", message, fields),
		info: (message, fields) => log("info", message, fields),
		warn: (message, fields) => log("warn", message, fields),
		error: (message, fields) => log("error", message, fields),
	};
}
