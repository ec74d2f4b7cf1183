// Which passwords a user may choose (SECURITY.md "Credentials": NIST SP 800-63B §3.1.1.2,
// ASVS 5.0 §6.2, CNIL délibération 2022-100). Length is what makes a password strong, so the
// only hard rules are 12 to 128 Unicode code points, any characters, no composition rules, and
// the password is judged exactly as typed: never trimmed, never truncated. Guessability is
// estimated by zxcvbn-ts with the French and common dictionaries, with the user's own data and
// the insurer's name as extra words, so that "Harmonie2026!!" or "jeandupont1985" are refused.
// The estimator and its dictionaries (about 1 MB of the Worker's code, and ~150 ms to decompress)
// are imported on first use, so that an isolate that never checks a new password never loads them.
import type { ZxcvbnFactory, ZxcvbnResult } from "@zxcvbn-ts/core";
import { organisation } from "./organisation.ts";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn score 3 means about 10^8 guesses or more ("safely unguessable" online). */
export const PASSWORD_MIN_SCORE = 3;

export interface PasswordOwner {
	/** The 10-digit numeric identifier used to sign in. */
	readonly identifier: string;
	/** First names, last names, company name…: whatever the account is known by. */
	readonly names: readonly string[];
	readonly email?: string | null | undefined;
}

export type PasswordCheck = { ok: true } | { ok: false; message: string };

const messages = {
	tooShort: `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`,
	tooLong: `Le mot de passe doit contenir au plus ${PASSWORD_MAX_LENGTH} caractères.`,
	identifier: "Le mot de passe ne doit pas contenir votre identifiant.",
	personal:
		"Le mot de passe ne doit pas être construit à partir de votre identifiant, de votre nom, de votre adresse e-mail ou du nom de la mutuelle.",
	weak: "Ce mot de passe est trop facile à deviner.",
	advice: "Essayez une phrase de plusieurs mots sans lien avec vous.",
} as const;

// Words of the site itself: a password built from them is among the first an attacker tries.
const siteWords: readonly string[] = [
	organisation.name,
	...organisation.name.split(/\s+/),
	organisation.name.replaceAll(/\s+/g, ""),
	organisation.productName,
	"mutuelle",
	"espace",
];

let factory: Promise<ZxcvbnFactory> | undefined;

/** Built on first use: loading the dictionaries costs ~100 ms, paid once per isolate. */
function estimator(): Promise<ZxcvbnFactory> {
	factory ??= Promise.all([
		import("@zxcvbn-ts/core"),
		import("@zxcvbn-ts/language-common"),
		import("@zxcvbn-ts/language-fr"),
	]).then(
		([core, common, french]) =>
			new core.ZxcvbnFactory({
				dictionary: { ...common.dictionary, ...french.dictionary },
				graphs: common.adjacencyGraphs,
				translations: french.translations,
				// Catches near-misses of leaked passwords ("Azerty123456" against "azerty123456").
				useLevenshteinDistance: true,
			}),
		(error: unknown) => {
			factory = undefined;
			throw error;
		},
	);
	return factory;
}

/** The owner's words, whole and split, so that a single first name or e-mail part matches. */
function userInputs(owner: PasswordOwner): string[] {
	const localPart = owner.email?.split("@")[0] ?? "";
	const words = [owner.identifier, ...owner.names, localPart].filter((word) => word.trim() !== "");
	const parts = words.flatMap((word) => word.split(/[\s.\-_'’+]+/)).filter((part) => part.length >= 3);
	return [...new Set([...words, ...parts, ...siteWords].map((word) => word.toLowerCase()))];
}

function escapeRegExp(text: string): string {
	return text.replaceAll(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The password with the personal words cut out: what is left must be strong on its own. Both
 * what zxcvbn recognised (l33t, reversed) and every plain occurrence are cut, because zxcvbn
 * keeps only its cheapest explanation and may file "Pierre" under bruteforce.
 */
function withoutPersonalWords(result: ZxcvbnResult, inputs: readonly string[]): string {
	const rest = result.sequence
		.filter((match) => match.dictionaryName !== "userInputs")
		.map((match) => match.token)
		.join("");
	const longestFirst = [...inputs].sort((a, b) => b.length - a.length);
	return longestFirst.reduce((text, word) => text.replace(new RegExp(escapeRegExp(word), "giu"), ""), rest);
}

/** Checks a new password; the message is shown next to the field. */
export async function checkPassword(password: string, owner: PasswordOwner): Promise<PasswordCheck> {
	// Code points, not UTF-16 units: "🔒" is one character for the user.
	const length = [...password].length;
	if (length < PASSWORD_MIN_LENGTH) return { ok: false, message: messages.tooShort };
	if (length > PASSWORD_MAX_LENGTH) return { ok: false, message: messages.tooLong };
	if (owner.identifier !== "" && password.includes(owner.identifier)) {
		return { ok: false, message: messages.identifier };
	}
	const inputs = userInputs(owner);
	const zxcvbn = await estimator();
	const result = zxcvbn.check(password, inputs);
	const rest = withoutPersonalWords(result, inputs);
	if (rest !== password) {
		if (result.score < PASSWORD_MIN_SCORE || zxcvbn.check(rest, inputs).score < PASSWORD_MIN_SCORE) {
			return { ok: false, message: messages.personal };
		}
	}
	if (result.score < PASSWORD_MIN_SCORE) {
		const warning = result.feedback.warning ?? messages.weak;
		const sentence = /[.!?]$/.test(warning) ? warning : `${warning}.`;
		return { ok: false, message: `${sentence} ${messages.advice}` };
	}
	return { ok: true };
}
