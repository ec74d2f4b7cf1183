// « Clés d'API »: the keys the practice's software uses for the rights API. A new key is shown
// once, on the page that answers its creation; afterwards only its beginning is shown.
import { formatInstant } from "../../../core/format.ts";
import type { ApiKeySummary } from "../../../core/professionnel/api-keys.ts";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export const CLES_PATH = "/professionnel/cles-api";

export function ClesApiPage(props: {
	readonly keys: readonly ApiKeySummary[];
	readonly created?: { readonly key: string; readonly name: string };
	readonly notice?: "renommee" | "revoquee";
	readonly errors?: FieldErrors;
	readonly values?: Readonly<Record<string, string | undefined>>;
}) {
	const { keys, created, notice, errors = {}, values = {} } = props;
	return (
		<>
			<h1>Clés d'API</h1>
			<p class="lead">
				Le logiciel de votre cabinet vérifie les droits des adhérents avec une clé d'API (
				<code>POST /api/v1/professionnel/droits</code>, décrit dans le{" "}
				<a href="/api/v1/openapi.json">document OpenAPI</a>
				). Une clé ne permet que la vérification des droits ; révoquez-la dès qu'elle n'est plus utilisée.
			</p>
			{created ? (
				<Alert kind="success">
					<p>
						La clé « {created.name} » est créée. Copiez-la maintenant : elle ne sera plus jamais affichée.
					</p>
					<p>
						<code>{created.key}</code>
					</p>
				</Alert>
			) : null}
			{notice === "renommee" ? (
				<Alert kind="success">
					<p>La clé est renommée.</p>
				</Alert>
			) : null}
			{notice === "revoquee" ? (
				<Alert kind="success">
					<p>La clé est révoquée : elle ne fonctionne plus.</p>
				</Alert>
			) : null}
			<h2>Clés en service</h2>
			{keys.length === 0 ? <p>Aucune clé d'API en service.</p> : null}
			<ul class="grid">
				{keys.map((key) => (
					<li class="card">
						<h3>{key.name}</h3>
						<dl class="facts">
							<dt>Début de la clé</dt>
							<dd>
								<code>{key.hint}</code>
							</dd>
							<dt>Autorise</dt>
							<dd>La vérification des droits</dd>
							<dt>Créée le</dt>
							<dd>{formatInstant(key.createdAt)}</dd>
							<dt>Dernière utilisation</dt>
							<dd>{key.lastUsedAt ? formatInstant(key.lastUsedAt) : "Jamais utilisée"}</dd>
						</dl>
						<form method="post" action={`${CLES_PATH}/${key.id}/nom`}>
							<div class="field">
								<label for={`nom-${key.id}`}>Nouveau nom de la clé « {key.name} »</label>
								<input id={`nom-${key.id}`} name="nom" type="text" maxlength={60} required value={key.name} />
							</div>
							<button type="submit" class="button-secondary">
								Renommer
							</button>
						</form>
						<form method="post" action={`${CLES_PATH}/${key.id}/revocation`}>
							<button type="submit" class="button-danger">
								Révoquer la clé « {key.name} »
							</button>
						</form>
					</li>
				))}
			</ul>
			<form method="post" action={CLES_PATH} aria-labelledby="nouvelle-cle-titre">
				<h2 id="nouvelle-cle-titre">Créer une clé</h2>
				<ErrorSummary errors={errors} />
				<TextField
					name="nom"
					label="Nom de la clé"
					hint="Par exemple le nom du logiciel ou du poste qui l'utilise."
					maxlength={60}
					value={values.nom}
					error={errors.nom}
				/>
				<p>
					<button type="submit">Créer la clé</button>
				</p>
			</form>
		</>
	);
}
