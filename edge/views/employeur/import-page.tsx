// « Affilier par fichier »: the upload form (the expected columns, an example), then one page per
// import that shows where it stands: reading (the page refreshes itself and says so), the report
// line by line with the count of valid lines and the button that confirms them, writing (the
// page refreshes itself), and the end. The problems table stacks on a phone (stacked-tables.ts).
import type {
	ImportProblem,
	ImportSummary,
	RecentImport,
} from "../../../core/employeur/affiliation-import.ts";
import { IMPORT_COLUMNS, MAX_IMPORT_LINES } from "../../../core/employeur/affiliation-line.ts";
import { formatInstantDay } from "../../../core/format.ts";
import { Alert, ErrorSummary, type FieldErrors } from "../form.tsx";
import { LineReasonsTable } from "../line-reasons-table.tsx";
import { AFFILIER_PATH } from "./affilier-page.tsx";
import { SALARIES_PATH } from "./salaries-page.tsx";

export const IMPORT_PATH = `${AFFILIER_PATH}/import`;
export const importPath = (id: number): string => `${IMPORT_PATH}/${id}`;
/** Seconds between two refreshes of a running import's page. */
export const REFRESH_SECONDS = 2;

const EXAMPLE = `${IMPORT_COLUMNS.join(";")}
295109912611193;Garnier;Inès;1995-10-12;ines.garnier@exemple.fr;12 rue des Lilas;69003;Lyon;M00999;01/12/2026;non_cadres;famille`;

const plural = (count: number, one: string, many: string) =>
	`${count.toLocaleString("fr-FR")} ${count <= 1 ? one : many}`;

const STATUS_LABELS: Readonly<Record<RecentImport["status"], string>> = {
	validating: "Vérification en cours",
	validated: "À confirmer",
	confirming: "Affiliation en cours",
	done: "Terminé",
};

function RecentImports({ imports }: { readonly imports: readonly RecentImport[] }) {
	if (imports.length === 0) return null;
	return (
		<section class="table-wrap" tabindex={0} aria-labelledby="imports-titre">
			<table>
				<caption id="imports-titre">Vos derniers imports</caption>
				<thead>
					<tr>
						<th scope="col">Fichier</th>
						<th scope="col">Envoyé le</th>
						<th scope="col">Lignes</th>
						<th scope="col">État</th>
					</tr>
				</thead>
				<tbody>
					{imports.map((entry) => (
						<tr>
							<th scope="row">
								<a href={importPath(entry.id)}>{entry.fileName}</a>
							</th>
							<td>{formatInstantDay(entry.createdAt)}</td>
							<td>{entry.lineCount.toLocaleString("fr-FR")}</td>
							<td>{STATUS_LABELS[entry.status]}</td>
						</tr>
					))}
				</tbody>
			</table>
		</section>
	);
}

export function ImportFormPage({
	errors = {},
	imports = [],
}: {
	readonly errors?: FieldErrors;
	readonly imports?: readonly RecentImport[];
}) {
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href={SALARIES_PATH}>Salariés</a>
			</nav>
			<h1>Affilier des salariés par fichier</h1>
			<p class="lead">
				Envoyez un fichier CSV d'au plus {MAX_IMPORT_LINES.toLocaleString("fr-FR")} salariés. Chaque ligne est
				vérifiée avec les mêmes règles que le formulaire « Affilier un salarié ». Rien n'est enregistré avant
				que vous confirmiez les lignes valides ; chaque salarié affilié reçoit alors par e-mail son
				identifiant et un lien pour créer son espace adhérent.
			</p>
			<form method="post" action={IMPORT_PATH} enctype="multipart/form-data" novalidate>
				<ErrorSummary errors={errors} />
				<div class="field">
					<label for="champ-fichier">Fichier CSV des salariés</label>
					<span class="hint" id="champ-fichier-aide">
						Séparateur « ; » ou « , », première ligne : le nom des colonnes. 8 Mo au plus.
					</span>
					{errors.fichier ? (
						<span class="field-error" id="champ-fichier-erreur">
							{errors.fichier}
						</span>
					) : null}
					<input
						id="champ-fichier"
						type="file"
						name="fichier"
						accept=".csv,text/csv"
						aria-describedby={
							errors.fichier ? "champ-fichier-aide champ-fichier-erreur" : "champ-fichier-aide"
						}
						aria-invalid={errors.fichier ? "true" : undefined}
					/>
				</div>
				<div class="actions">
					<button type="submit">Vérifier le fichier</button>
					<a href={AFFILIER_PATH}>Affilier un seul salarié</a>
				</div>
			</form>
			<h2>Colonnes attendues</h2>
			<ul>
				<li>nir : le numéro de sécurité sociale, 15 caractères clé comprise ;</li>
				<li>nom, prenom, date_naissance, email, adresse, code_postal, ville ;</li>
				<li>matricule : facultatif ;</li>
				<li>date_affiliation : au plus trois mois à l'avance, pas avant le contrat collectif ;</li>
				<li>
					categorie : le code (ensemble, cadres, non_cadres) ou le libellé d'une catégorie de votre contrat ;
				</li>
				<li>option : isolé, duo ou famille.</li>
			</ul>
			<p>Les dates s'écrivent JJ/MM/AAAA ou AAAA-MM-JJ. Par exemple :</p>
			{/* Not a <pre>: its long lines would widen the page on a phone; these wrap after each « ; ». */}
			<p>
				{EXAMPLE.split("\n").map((text) => (
					<>
						<code>
							{text.split(";").map((field, index) => (
								<>
									{index > 0 ? ";" : ""}
									<wbr />
									{field}
								</>
							))}
						</code>
						<br />
					</>
				))}
			</p>
			<RecentImports imports={imports} />
		</>
	);
}

export interface ImportReportProps {
	readonly summary: ImportSummary;
	readonly problems: readonly ImportProblem[];
	readonly nextProblemsAfter: number | null;
	readonly errors?: FieldErrors;
}

function Progress({ done, total, label }: { done: number; total: number; label: string }) {
	return (
		<>
			<Alert kind="info">
				{label} : {plural(done, "ligne traitée", "lignes traitées")} sur {total.toLocaleString("fr-FR")}.
				Cette page se met à jour toute seule toutes les {REFRESH_SECONDS} secondes jusqu'à la fin ; vous
				pouvez aussi la quitter et revenir plus tard.
			</Alert>
			<progress max={total} value={done} aria-label={label}>
				{Math.floor((done / Math.max(total, 1)) * 100)} %
			</progress>
			<p>
				<a href="?">Mettre à jour maintenant</a>
			</p>
		</>
	);
}

export function ImportReportPage({ summary, problems, nextProblemsAfter, errors = {} }: ImportReportProps) {
	const { counts } = summary;
	const total = summary.lineCount;
	return (
		<>
			<nav class="breadcrumb" aria-label="Fil d'Ariane">
				<a href={SALARIES_PATH}>Salariés</a> › <a href={IMPORT_PATH}>Affilier par fichier</a>
			</nav>
			<h1>Import du fichier {summary.fileName}</h1>
			<ErrorSummary errors={errors} />
			{summary.sameFileImportedAt ? (
				<Alert kind="warning">
					Ce fichier a déjà été importé le {formatInstantDay(summary.sameFileImportedAt)} : les salariés déjà
					affiliés ne le seront pas une seconde fois.
				</Alert>
			) : null}
			{summary.status === "validating" ? (
				<Progress done={total - counts.pending} total={total} label="Vérification du fichier" />
			) : null}
			{summary.status === "confirming" ? (
				<Progress
					done={counts.created}
					total={counts.valid + counts.created}
					label="Affiliation des salariés"
				/>
			) : null}
			{summary.status === "done" ? (
				<Alert kind="success">
					{counts.created === 0
						? "L'import est terminé : aucun salarié n'a été affilié."
						: `L'import est terminé : ${plural(counts.created, "salarié est affilié", "salariés sont affiliés")} et ${counts.created === 1 ? "a reçu" : "ont reçu"} par e-mail l'invitation à créer son espace adhérent.`}
				</Alert>
			) : null}
			{summary.status === "validating" ? null : (
				<>
					<h2>Résultat de la vérification</h2>
					<ul class="import-counts">
						<li>{plural(total, "ligne lue", "lignes lues")}</li>
						<li>
							{summary.status === "done" || summary.status === "confirming"
								? plural(counts.created, "salarié affilié", "salariés affiliés")
								: plural(counts.valid, "ligne valide", "lignes valides")}
						</li>
						<li>{plural(counts.rejected, "ligne refusée", "lignes refusées")}</li>
						<li>
							{plural(counts.already, "ligne déjà enregistrée", "lignes déjà enregistrées")} (salariés déjà
							affiliés)
						</li>
					</ul>
				</>
			)}
			{summary.status === "validated" ? <ConfirmForm summary={summary} /> : null}
			<ProblemsTable problems={problems} />
			{nextProblemsAfter !== null ? (
				<p>
					<a href={`${importPath(summary.id)}?apres=${nextProblemsAfter}`}>Lignes suivantes</a>
				</p>
			) : null}
			{summary.status === "done" ? (
				<p>
					<a href={SALARIES_PATH}>Voir la liste des salariés</a> ·{" "}
					<a href={IMPORT_PATH}>Importer un autre fichier</a>
				</p>
			) : null}
		</>
	);
}

function ConfirmForm({ summary }: { readonly summary: ImportSummary }) {
	if (summary.counts.valid === 0)
		return (
			<Alert kind="warning">
				Aucune ligne valide : corrigez le fichier et <a href={IMPORT_PATH}>envoyez-le de nouveau</a>.
			</Alert>
		);
	return (
		<form method="post" action={`${importPath(summary.id)}/confirmer`}>
			<p>
				Rien n'est encore enregistré. En confirmant,{" "}
				{plural(summary.counts.valid, "salarié sera affilié", "salariés seront affiliés")} et{" "}
				{summary.counts.valid === 1 ? "recevra" : "recevront"} un e-mail d'invitation ; les lignes refusées
				sont laissées de côté.
			</p>
			<div class="actions">
				<button type="submit">Affilier {plural(summary.counts.valid, "salarié", "salariés")}</button>
				<a href={IMPORT_PATH}>Envoyer un autre fichier</a>
			</div>
		</form>
	);
}

function ProblemsTable({ problems }: { readonly problems: readonly ImportProblem[] }) {
	return (
		<LineReasonsTable
			id="problemes-titre"
			caption="Lignes refusées ou déjà enregistrées, dans l'ordre du fichier"
			rows={problems}
		/>
	);
}
