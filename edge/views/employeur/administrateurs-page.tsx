// « Administrateurs »: every administrator reads their own role here; the main administrator also
// sees who else administers the company, invites someone with a role and revokes an access. The
// table stacks on a phone (stacked-tables.ts); each revocation is a small form of its own.
import type {
	AdministratorRole,
	AdministratorStatus,
	AdministratorView,
	EmployerRole,
	JournalAction,
	JournalEntry,
} from "../../../core/employeur/administrators.ts";
import { formatInstant } from "../../../core/format.ts";
import { Alert, ErrorSummary, type FieldErrors, RadioGroup, TextField } from "../form.tsx";

export const ADMINISTRATEURS_PATH = "/employeur/administrateurs";

export const ROLE_LABELS: Readonly<Record<AdministratorRole, string>> = {
	principal: "Administrateur principal",
	lecture: "Lecture",
	gestion: "Gestion des salariés",
	finances: "Finances",
};

const ROLE_DESCRIPTIONS: Readonly<Record<EmployerRole, string>> = {
	lecture: "Lecture : consulte tout l'espace, sans rien modifier.",
	gestion: "Gestion des salariés : affilie, enregistre les fins d'affiliation et les dispenses.",
	finances: "Finances : coordonnées bancaires et bordereaux de cotisations.",
};

const STATUS_LABELS: Readonly<Record<AdministratorStatus, string>> = {
	invited: "Invitation envoyée, mot de passe à choisir",
	enrolling: "Application d'authentification à activer",
	active: "Actif",
	revoked: "Accès révoqué",
};

export interface AdministrateursPageProps {
	readonly role: AdministratorRole;
	/** The company's administrators: for the main administrator only. */
	readonly administrators?: readonly AdministratorView[];
	/** The company's latest writes and who did them: for the main administrator only. */
	readonly journal?: readonly JournalEntry[];
	readonly values?: Readonly<Record<string, string | undefined>>;
	readonly errors?: FieldErrors;
	readonly notice?: string | undefined;
}

function name(admin: AdministratorView): string {
	return admin.lastName === null
		? "Compte de l'entreprise"
		: `${admin.lastName.toUpperCase()} ${admin.firstName}`;
}

export function AdministrateursPage(props: AdministrateursPageProps) {
	const { role, administrators, values = {}, errors = {} } = props;
	return (
		<>
			<h1>Administrateurs</h1>
			<p class="lead">
				Votre rôle : <strong>{ROLE_LABELS[role]}</strong>.{" "}
				{role === "principal"
					? "Vous pouvez inviter d'autres personnes à administrer l'espace de l'entreprise, chacune avec son propre identifiant, son mot de passe et une application d'authentification, et révoquer leur accès à tout moment."
					: "Seul l'administrateur principal de l'entreprise invite des administrateurs, change leur rôle ou révoque leur accès."}
			</p>
			{props.notice ? <Alert kind="success">{props.notice}</Alert> : null}
			{administrators ? <AdministratorsTable administrators={administrators} /> : null}
			{props.journal ? <Journal entries={props.journal} /> : null}
			{role === "principal" ? (
				<section aria-labelledby="inviter-titre">
					<h2 id="inviter-titre">Inviter un administrateur</h2>
					<p>
						La personne reçoit par courriel son identifiant et un lien, valable 24 heures, pour choisir son
						mot de passe ; elle active ensuite une application d'authentification, obligatoire dans l'espace
						employeur.
					</p>
					<form method="post" action={ADMINISTRATEURS_PATH} novalidate>
						<ErrorSummary errors={errors} />
						<TextField
							name="prenom"
							label="Prénom"
							value={values.prenom}
							error={errors.prenom}
							autocomplete="off"
							maxlength={60}
						/>
						<TextField
							name="nom"
							label="Nom"
							value={values.nom}
							error={errors.nom}
							autocomplete="off"
							maxlength={60}
						/>
						<TextField
							name="email"
							label="Adresse e-mail professionnelle"
							type="email"
							value={values.email}
							error={errors.email}
							autocomplete="off"
							inputmode="email"
							maxlength={254}
						/>
						<RadioGroup
							name="role"
							legend="Rôle"
							options={(["lecture", "gestion", "finances"] as const).map((value) => ({
								value,
								label: ROLE_DESCRIPTIONS[value],
							}))}
							value={values.role}
							error={errors.role}
						/>
						<div class="actions">
							<button type="submit">Envoyer l'invitation</button>
						</div>
					</form>
				</section>
			) : null}
		</>
	);
}

function AdministratorsTable({ administrators }: { readonly administrators: readonly AdministratorView[] }) {
	return (
		<section class="table-wrap" tabindex={0} aria-labelledby="administrateurs-titre">
			<table>
				<caption id="administrateurs-titre">Les administrateurs de l'entreprise</caption>
				<thead>
					<tr>
						<th scope="col">Administrateur</th>
						<th scope="col">Identifiant</th>
						<th scope="col">Rôle</th>
						<th scope="col">État</th>
						<th scope="col">Dernière connexion</th>
						<th scope="col">Action</th>
					</tr>
				</thead>
				<tbody>
					{administrators.map((admin) => (
						<tr>
							<th scope="row">
								{name(admin)}
								<br />
								<span class="hint">{admin.email}</span>
							</th>
							<td>{admin.identifier}</td>
							<td>{ROLE_LABELS[admin.role]}</td>
							<td>
								{STATUS_LABELS[admin.status]}
								{admin.revokedAt ? ` le ${formatInstant(admin.revokedAt)}` : ""}
							</td>
							<td>{admin.lastSignInAt ? formatInstant(admin.lastSignInAt) : "Jamais"}</td>
							<td>
								{admin.role !== "principal" && admin.status !== "revoked" ? (
									<>
										<RoleChangeForm admin={admin} role={admin.role} />
										<form method="post" action={`${ADMINISTRATEURS_PATH}/${admin.accountId}/revocation`}>
											<button type="submit" class="secondary">
												Révoquer l'accès de {name(admin)}
											</button>
										</form>
									</>
								) : (
									"—"
								)}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}

/** Another role for an invited administrator: it applies from their next request, sessions kept. */
function RoleChangeForm({ admin, role }: { readonly admin: AdministratorView; readonly role: EmployerRole }) {
	const id = `role-${admin.accountId}`;
	return (
		<form method="post" action={`${ADMINISTRATEURS_PATH}/${admin.accountId}/role`}>
			<label for={id}>Nouveau rôle de {name(admin)}</label>
			<select id={id} name="role">
				{(["lecture", "gestion", "finances"] as const).map((value) => (
					<option value={value} selected={value === role}>
						{ROLE_LABELS[value]}
					</option>
				))}
			</select>
			<button type="submit" class="secondary">
				Changer le rôle
			</button>
		</form>
	);
}

const ACTION_LABELS: Readonly<Record<JournalAction, string>> = {
	"employeur.affiliation.created": "Affiliation d'un salarié",
	"employeur.affiliation.ended": "Fin d'affiliation d'un salarié",
	"employeur.dispense.recorded": "Dispense d'adhésion enregistrée",
	"employeur.bank_details.change_requested": "Changement de coordonnées bancaires demandé",
	"employeur.bank_details.change_cancelled": "Changement de coordonnées bancaires annulé",
	"employeur.administrator.invited": "Administrateur invité",
	"employeur.administrator.revoked": "Accès d'administrateur révoqué",
	"employeur.administrator.role_changed": "Rôle d'administrateur changé",
};

function actor(entry: JournalEntry): string {
	const who =
		entry.lastName === null ? "Compte de l'entreprise" : `${entry.lastName.toUpperCase()} ${entry.firstName}`;
	return `${who} (${entry.identifier})`;
}

function Journal({ entries }: { readonly entries: readonly JournalEntry[] }) {
	return (
		<section aria-labelledby="journal-titre">
			<h2 id="journal-titre">Dernières opérations</h2>
			{entries.length === 0 ? (
				<p>Aucune opération n'a encore été faite dans l'espace de l'entreprise.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="journal-legende">
					<table>
						<caption id="journal-legende">Les 20 dernières opérations, et qui les a faites</caption>
						<thead>
							<tr>
								<th scope="col">Date</th>
								<th scope="col">Opération</th>
								<th scope="col">Faite par</th>
							</tr>
						</thead>
						<tbody>
							{entries.map((entry) => (
								<tr>
									<td>{formatInstant(entry.occurredAt)}</td>
									<td>
										{entry.objectType === "affiliation" && entry.objectId ? (
											<a href={`/employeur/salaries/${entry.objectId}`}>{ACTION_LABELS[entry.action]}</a>
										) : (
											ACTION_LABELS[entry.action]
										)}
									</td>
									<td>
										{actor(entry)}, {ROLE_LABELS[entry.role].toLowerCase()}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
		</section>
	);
}
