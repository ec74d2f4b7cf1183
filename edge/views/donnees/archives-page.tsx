// « Mes archives » (ADR 0038): the large exports the worker builds. The page asks for one, says
// what happens next (an e-mail with a link valid 7 days, that works only once signed in), and
// lists the archives asked for, with their state.
import type { DataExportView } from "../../../core/donnees/large-export.ts";
import { archivePath, EXPORT_LINK_DAYS } from "../../../core/donnees/large-export.ts";
import { formatInstant } from "../../../core/format.ts";
import { Alert } from "../form.tsx";

export interface ArchivesPageProps {
	readonly archives: readonly DataExportView[];
	readonly large: boolean;
	readonly requested: boolean;
}

function size(bytes: number | null): string {
	if (bytes === null) return "";
	const megabytes = bytes / 1_000_000;
	return megabytes >= 1
		? `, ${megabytes.toLocaleString("fr-FR", { maximumFractionDigits: 1 })} Mo`
		: `, ${Math.max(1, Math.round(bytes / 1000)).toLocaleString("fr-FR")} ko`;
}

function ArchiveItem({ archive }: { readonly archive: DataExportView }) {
	const asked = `Demandée le ${formatInstant(archive.requestedAt)}`;
	if (archive.status === "pending") return <li>{asked} : en préparation.</li>;
	if (archive.status === "expired" || !archive.expiresAt) return <li>{asked} : expirée et supprimée.</li>;
	return (
		<li>
			{asked} :{" "}
			<a href={archivePath(archive.publicId)} download>
				télécharger l'archive (ZIP{size(archive.byteLength)})
			</a>
			, disponible jusqu'au {formatInstant(archive.expiresAt)}.
		</li>
	);
}

export function ArchivesPage({ archives, large, requested }: ArchivesPageProps) {
	const pending = archives.some((archive) => archive.status === "pending");
	return (
		<>
			<h1>Mes archives de données</h1>
			{requested ? (
				<Alert kind="success">
					Votre demande est enregistrée. Nous préparons votre archive et vous envoyons un e-mail dès qu'elle
					est prête.
				</Alert>
			) : null}
			<p class="lead">
				{large
					? "Votre espace contient beaucoup de données : votre archive est préparée en arrière-plan plutôt que téléchargée immédiatement."
					: "Votre archive peut aussi être téléchargée immédiatement depuis la page « Mes données »."}
			</p>
			<p>
				Quand elle est prête, vous recevez un e-mail avec un lien. Ce lien ne fonctionne qu'une fois connecté
				à votre espace, avec votre compte, pendant {EXPORT_LINK_DAYS} jours ; l'archive est ensuite supprimée.
			</p>
			{pending ? (
				<p>Une archive est en cours de préparation : inutile d'en demander une autre.</p>
			) : (
				<form method="post" action="/compte/donnees/archives">
					<button type="submit" class="button">
						Préparer mon archive
					</button>
				</form>
			)}
			<h2>Mes demandes d'archive</h2>
			{archives.length === 0 ? (
				<p>Vous n'avez pas encore demandé d'archive.</p>
			) : (
				<ul>
					{archives.map((archive) => (
						<ArchiveItem archive={archive} />
					))}
				</ul>
			)}
			<p>
				<a href="/compte/donnees">Retour à mes données</a>
			</p>
		</>
	);
}

export function ArchiveGonePage({ expiresAt }: { readonly expiresAt: Date | null }) {
	return (
		<>
			<h1>Cette archive n'est plus disponible</h1>
			<p>
				{expiresAt
					? `Le lien de cette archive était valable jusqu'au ${formatInstant(expiresAt)} : l'archive a été supprimée.`
					: "Le lien de cette archive a expiré : l'archive a été supprimée."}
			</p>
			<p>
				Vous pouvez <a href="/compte/donnees/archives">demander une nouvelle archive</a>.
			</p>
		</>
	);
}
