// « Comptes »: the search, the fraud incidents awaiting staff, and one account with its state,
// history, requests and the forms that suspend, reopen or close it (each with a reason).
import type { AccountDetail, AccountSummary } from "../../../core/gestion/accounts.ts";
import { requestKindLabels } from "../../../schema/enums.ts";
import { ErrorSummary, type FieldErrors, TextArea, TextField } from "../form.tsx";
import {
	DATE_TIME,
	DAY,
	REQUEST_STATUS_LABELS,
	SPACE_LABELS,
	STATE_ACTION_LABELS,
	STATE_LABELS,
} from "./labels.ts";

function AccountTable(props: {
	readonly caption: string;
	readonly rows: readonly (AccountSummary & { note?: string })[];
}) {
	return (
		<section class="table-wrap" tabindex={0} aria-label={props.caption}>
			<table>
				<caption>{props.caption}</caption>
				<thead>
					<tr>
						<th scope="col">Identifiant</th>
						<th scope="col">Titulaire</th>
						<th scope="col">Espace</th>
						<th scope="col">État</th>
						<th scope="col">E-mail</th>
					</tr>
				</thead>
				<tbody>
					{props.rows.map((row) => (
						<tr>
							<th scope="row">
								<a href={`/gestion/comptes/${row.identifier}`}>{row.identifier}</a>
							</th>
							<td>{row.holder}</td>
							<td>{SPACE_LABELS[row.space]}</td>
							<td>
								{STATE_LABELS[row.state]}
								{row.note ? ` (${row.note})` : ""}
							</td>
							<td>{row.email}</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}

export function AccountSearchPage(props: {
	readonly query: string;
	readonly results: readonly AccountSummary[] | null;
	readonly incidents: readonly (AccountSummary & { reference: string; reportedAt: Date })[];
	readonly error?: string | undefined;
}) {
	return (
		<>
			<h1>Comptes</h1>
			<form method="get" action="/gestion/comptes">
				<TextField
					name="q"
					type="search"
					label="Rechercher un compte"
					hint="Identifiant (10 chiffres), nom, ou adresse e-mail (ou une partie)."
					value={props.query}
					error={props.error}
					maxlength={100}
				/>
				<div class="actions">
					<button type="submit">Rechercher</button>
				</div>
			</form>
			{props.results === null ? null : props.results.length === 0 ? (
				<p role="status">Aucun compte ne correspond à « {props.query} ».</p>
			) : (
				<AccountTable caption={`Comptes trouvés pour « ${props.query} »`} rows={props.results} />
			)}
			<h2>Signalements d'utilisation frauduleuse à traiter</h2>
			{props.incidents.length === 0 ? (
				<p>Aucun signalement en attente.</p>
			) : (
				<AccountTable
					caption="Comptes bloqués par un signalement, du plus récent au plus ancien"
					rows={props.incidents.map((incident) => ({
						...incident,
						note: `${incident.reference}, le ${DAY.format(incident.reportedAt)}`,
					}))}
				/>
			)}
		</>
	);
}

const CHANGES = [
	{ value: "suspendre", label: "Suspendre le compte", states: ["pending", "active"], danger: true },
	{ value: "rouvrir", label: "Rouvrir le compte", states: ["suspended", "closed"], danger: false },
	{ value: "fermer", label: "Fermer le compte", states: ["pending", "active", "suspended"], danger: true },
] as const;

export function AccountPage(props: {
	readonly detail: AccountDetail;
	readonly mayAct: boolean;
	readonly notice?: string | undefined;
	readonly errors: FieldErrors;
	readonly values: Readonly<Record<string, string>>;
}) {
	const { account, history, requests } = props.detail;
	const changes = CHANGES.filter((change) => (change.states as readonly string[]).includes(account.state));
	return (
		<>
			<h1>Compte {account.identifier}</h1>
			{props.notice ? (
				<div class="alert alert-success" role="status">
					{props.notice}
				</div>
			) : null}
			<ErrorSummary errors={props.errors} />
			<dl class="facts">
				<dt>Titulaire</dt>
				<dd>{account.holder || "—"}</dd>
				<dt>Espace</dt>
				<dd>{SPACE_LABELS[account.space]}</dd>
				<dt>État</dt>
				<dd>
					{STATE_LABELS[account.state]}
					{account.stateReason ? ` – motif : ${account.stateReason}` : ""}
				</dd>
				<dt>E-mail</dt>
				<dd>{account.email}</dd>
				<dt>Créé le</dt>
				<dd>{DAY.format(account.createdAt)}</dd>
				<dt>Dernière connexion</dt>
				<dd>{account.lastSignInAt ? DATE_TIME.format(account.lastSignInAt) : "—"}</dd>
				<dt>Accès jusqu'au</dt>
				<dd>{account.accessUntil ?? "sans limite"}</dd>
				<dt>Sessions ouvertes</dt>
				<dd>{props.detail.openSessions}</dd>
			</dl>
			<p>
				<a href={`/gestion/preuve/${account.identifier}`}>Journal d'audit du compte (preuve)</a>
			</p>
			{props.detail.openFraudReport ? (
				<div class="alert alert-warning" role="note">
					Signalement d'utilisation frauduleuse {props.detail.openFraudReport} ouvert : la réouverture clôt le
					signalement et envoie au titulaire un lien pour choisir un nouveau mot de passe.
				</div>
			) : null}
			{props.mayAct && changes.length > 0 ? (
				<section aria-labelledby="etat-titre">
					<h2 id="etat-titre">Changer l'état du compte</h2>
					<p>
						Le titulaire est prévenu par e-mail, avec le motif. La suspension et la fermeture ferment aussitôt
						toutes ses sessions.
					</p>
					<form method="post" action={`/gestion/comptes/${account.identifier}/etat`}>
						<TextArea
							name="motif"
							label="Motif"
							hint="En quelques mots, sans donnée de santé (200 caractères au plus) : il est envoyé au titulaire et conservé au journal d'audit."
							maxlength={200}
							value={props.values.motif}
							error={props.errors.motif}
						/>
						<div class="actions">
							{changes.map((change) => (
								<button
									type="submit"
									name="operation"
									value={change.value}
									class={change.danger ? "button-danger" : undefined}
								>
									{change.label}
								</button>
							))}
						</div>
					</form>
				</section>
			) : null}
			<h2>Historique de l'état</h2>
			{history.length === 0 ? (
				<p>Aucun changement d'état enregistré.</p>
			) : (
				<ol>
					{history.map((event) => (
						<li>
							{DATE_TIME.format(event.at)} : {STATE_ACTION_LABELS[event.action] ?? event.action}
							{event.outcome === "denied" ? " (refusée)" : ""}
							{event.reason ? ` – motif : ${event.reason}` : ""}
							{event.by === "staff"
								? ` – par le personnel${event.staffAccountId ? ` (compte n° ${event.staffAccountId})` : ""}`
								: event.by === "system"
									? " – automatique"
									: " – par le titulaire"}
						</li>
					))}
				</ol>
			)}
			<h2>Demandes du compte</h2>
			{requests.length === 0 ? (
				<p>Aucune demande.</p>
			) : (
				<ul class="link-list">
					{requests.map((request) => (
						<li>
							<a href={`/gestion/demandes/${request.id}`}>{request.reference}</a> –{" "}
							{requestKindLabels[request.kind]}, {REQUEST_STATUS_LABELS[request.status].toLowerCase()}, le{" "}
							{DAY.format(request.createdAt)}
						</li>
					))}
				</ul>
			)}
			<p>
				<a href="/gestion/comptes">Rechercher un autre compte</a>
			</p>
		</>
	);
}
