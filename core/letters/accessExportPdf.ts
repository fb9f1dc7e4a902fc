import type { SubjectAccessExport } from '../store/types';
import { bemPdfDocument, BOLD, FONT, type Doc } from './pdf';
import { bindCitations } from './typography';

// The employee's copy of the subject access export (Art. 15 DSGVO) as a PDF: the letters' page size,
// margins and embedded font (fonts.ts: DejaVu Sans, subset), so every name and note prints as written.
// German first, English after the slash. Plain text blocks: the JSON is the machine-readable copy.

const heading = (doc: Doc, text: string, size = 12) =>
	doc
		.moveDown(0.6)
		.font(BOLD)
		.fontSize(size)
		.text(bindCitations(text))
		.font(FONT)
		.fontSize(9.5)
		.moveDown(0.2);
const line = (doc: Doc, text: string) => doc.text(text);

/** The data of an event as `key: value` lines (free text already decrypted by the store). */
const dataLines = (data: Record<string, unknown>): string[] =>
	Object.entries(data).map(
		([k, v]) => `    ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`,
	);

export function accessExportPdf(sae: SubjectAccessExport): Promise<Buffer> {
	const { doc, done } = bemPdfDocument('de', {
		Title: 'Auskunft nach Art. 15 DSGVO / Subject access export',
		CreationDate: new Date(sae.exportedAt),
	});
	doc.fontSize(9.5);

	heading(doc, 'Auskunft nach Art. 15 DSGVO / Subject access export (Art. 15 GDPR)', 15);
	line(doc, bindCitations('Betriebliches Eingliederungsmanagement (§ 167 Abs. 2 SGB IX)'));
	line(doc, `Personalnummer / Employee ID: ${sae.employeeId}`);
	line(doc, `Erstellt am / Exported at: ${sae.exportedAt}`);
	line(doc, `Version: ${sae.version}`);
	if (sae.cases.length === 0)
		line(doc.moveDown(), 'Keine BEM-Fälle gespeichert. / No BEM cases are stored.');
	for (const c of sae.cases) {
		const k = c.case;
		heading(doc, `BEM-Fall / Case ${k.reference}`, 13);
		line(doc, `Fall-ID / Case ID: ${k.id}`);
		line(doc, `Status / State: ${k.state}${k.outcome ? ` (${k.outcome})` : ''}`);
		line(doc, `Eröffnet / Opened: ${k.openedOn}; Schwelle erreicht / Threshold: ${k.reachedOn}`);
		if (k.closedOn) line(doc, `Abgeschlossen / Closed: ${k.closedOn}`);
		heading(doc, 'Ereignisse / Events');
		for (const e of c.events) {
			const voided = e.voidedBy === null ? '' : ` — aufgehoben durch / voided by #${e.voidedBy}`;
			line(doc, `#${e.seq} ${e.on} ${e.type} (${e.actor})${voided}`);
			for (const l of dataLines(e.data)) line(doc, l);
		}
		heading(doc, 'Briefe / Letters');
		if (c.letters.length === 0) line(doc, '—');
		for (const l of c.letters) {
			doc.font(BOLD);
			line(doc, `${l.on} ${l.kind}: ${l.subject}`);
			doc.font(FONT);
			line(doc, l.text);
			doc.moveDown(0.4);
		}
		heading(doc, 'Zugriffsprotokoll / Access log');
		for (const a of c.accessLog)
			line(
				doc,
				`${a.at} ${a.actor} ${a.action}${a.outcome === 'denied' ? ' (verweigert / denied)' : ''}: ${a.purpose}`,
			);
	}
	employeeSections(doc, sae);
	doc.end();
	return done;
}

/** an AU period's fields its first line shows (and the employee id, theirs throughout) */
const IN_SUMMARY = new Set(['start', 'end', 'kind', 'employeeId']);

/** What the store keeps on the employee outside their cases (version 2): '—' where it holds nothing. */
function employeeSections(doc: Doc, sae: SubjectAccessExport): void {
	const none = (list: unknown[]) => {
		if (list.length === 0) line(doc, '—');
	};
	heading(doc, 'Nähe zur BEM-Schwelle / Approaching the BEM threshold');
	none(sae.approaching);
	for (const a of sae.approaching)
		line(
			doc,
			`Gemeldet als nahe der BEM-Schwelle seit ${a.since} / reported as approaching since ${a.since} (Quelle / source: ${a.source})`,
		);
	heading(doc, 'Erinnerungen / Reminders');
	none(sae.reminders);
	const reference = new Map(sae.cases.map((c) => [c.case.id, c.case.reference]));
	for (const r of sae.reminders)
		line(
			doc,
			`${r.on} an / to ${r.recipient}: ${r.item} (Fall / Case ${reference.get(r.caseId) ?? r.caseId})`,
		);
	heading(
		doc,
		'Aus dem HRIS zwischengespeichert: Arbeitszeitmuster / Cached from the HRIS: work patterns',
	);
	none(sae.hrisCache.workPatterns);
	for (const w of sae.hrisCache.workPatterns) {
		line(doc, `Quelle / Source: ${w.source} (Stand / as of ${w.changedAt})`);
		for (const l of dataLines({ ...w.pattern })) line(doc, l);
	}
	heading(doc, 'AU-Zeiträume (Zwischenspeicher) / Sick-leave periods (cache)');
	none(sae.hrisCache.auPeriods);
	for (const { source, changedAt, period } of sae.hrisCache.auPeriods) {
		const { start, end, kind } = period;
		const rest = Object.entries(period).filter(([k]) => !IN_SUMMARY.has(k));
		line(
			doc,
			`${start} – ${end ?? 'andauernd / ongoing'}: ${kind} (Quelle / Source: ${source}; Stand / as of ${changedAt})`,
		);
		for (const l of dataLines(Object.fromEntries(rest))) line(doc, l);
	}
}
