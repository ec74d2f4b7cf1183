// French wording of the HTTP errors the portal can answer, shared by the HTML pages and the
// JSON API so that a user reads the same sentence whatever the client.

import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

export interface ErrorWording {
	readonly title: string;
	readonly message: string;
}

const WORDING: Record<number, ErrorWording> = {
	400: {
		title: "Demande incorrecte",
		message: "La demande n'a pas pu être comprise. Vérifiez les informations saisies.",
	},
	401: { title: "Connexion nécessaire", message: "Connectez-vous pour accéder à cette page." },
	403: { title: "Accès refusé", message: "Vous n'avez pas accès à cette page." },
	404: {
		title: "Page introuvable",
		message: "La page demandée n'existe pas ou n'est plus disponible. Vérifiez l'adresse saisie.",
	},
	405: { title: "Méthode non autorisée", message: "Cette action n'est pas possible sur cette page." },
	413: {
		title: "Envoi trop volumineux",
		message:
			"Les données envoyées dépassent la taille autorisée. Réduisez la taille du fichier et réessayez.",
	},
	415: { title: "Format non pris en charge", message: "Le format des données envoyées n'est pas accepté." },
	429: {
		title: "Trop de tentatives",
		message:
			"Vous avez fait trop de demandes en peu de temps. Patientez quelques minutes avant de réessayer.",
	},
	500: {
		title: "Une erreur est survenue",
		message: "Le service a rencontré un problème inattendu. Réessayez dans quelques instants.",
	},
	503: {
		title: "Service momentanément indisponible",
		message: "Le service est en maintenance ou surchargé. Réessayez dans quelques instants.",
	},
};

export function errorWording(status: number): ErrorWording {
	return WORDING[status] ?? (status >= 500 ? (WORDING[500] as ErrorWording) : (WORDING[400] as ErrorWording));
}

/** JSON API errors have one shape: `{ error: { status, code, message, requestId } }`. */
export interface ApiError {
	readonly error: {
		readonly status: number;
		readonly code: string;
		readonly message: string;
		readonly requestId?: string;
	};
}

const CODES: Record<number, string> = {
	400: "bad_request",
	401: "unauthenticated",
	403: "forbidden",
	404: "not_found",
	405: "method_not_allowed",
	413: "payload_too_large",
	415: "unsupported_media_type",
	429: "too_many_requests",
	500: "internal_error",
	503: "unavailable",
};

export function apiError(status: number, message: string, requestId?: string): ApiError {
	return { error: { status, code: CODES[status] ?? "error", message, ...(requestId ? { requestId } : {}) } };
}

const PUBLIC = Symbol("public-message");

/**
 * An expected error whose message (in French) may be shown to the user as is. Other exceptions,
 * including Hono's own (in English), are shown with the generic wording of their status.
 */
export function httpError(status: ContentfulStatusCode, message: string): HTTPException {
	return new HTTPException(status, { message, cause: PUBLIC });
}

export function publicMessage(error: HTTPException): string | undefined {
	return error.cause === PUBLIC && error.status < 500 ? error.message : undefined;
}
