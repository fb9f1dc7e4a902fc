import { quotaChart, quotaText } from './charts';
import { markup, raw, type Html } from './html';
import { QUOTAS, WORDS } from './i18n';
import { BAND_COLUMNS } from './model';
import { STYLE } from './style';
import type {
	CockpitCase,
	Lang,
	CockpitModel,
	NextDeadline,
	OwnerMeasures,
	TimelineEntry,
} from './types';

// The cockpit page: one server-rendered HTML document with inline CSS and SVG, every value escaped
// (core/cockpit/html.ts). Headings in order, tables with headers, charts with text alternatives.

type W = (typeof WORDS)['de'];

const day = (w: W, on: string) => markup`<time datetime="${on}">${w.date(on)}</time>`;
const anchor = (i: number) => `case-${i + 1}`;
const head = (cols: string[]) =>
	markup`<thead><tr>${cols.map((c) => markup`<th scope="col">${c}</th>`)}</tr></thead>`;

function band(w: W, d: NextDeadline | null): Html {
	const key = d?.band ?? 'none';
	return markup`<span class="band band-${key}">${w.bands[key]}</span>`;
}

function deadlineCell(w: W, d: NextDeadline | null): Html {
	if (!d) return markup`<span class="muted">${w.noDeadline}</span>`;
	const when = d.days < 0 ? w.overdueBy(-d.days) : w.inDays(d.days);
	return markup`${w.deadlines[d.kind]}: ${day(w, d.on)} <span class="muted">(${when})</span>`;
}

function summary(m: CockpitModel, w: W): Html {
	const rows = m.counts.map(
		(c) =>
			markup`<tr><th scope="row">${w.states[c.state]}</th><td class="num">${c.total}</td>${BAND_COLUMNS.map((b) => markup`<td class="num">${c.bands[b]}</td>`)}</tr>`,
	);
	return markup`<table><caption>${w.summaryCaption}</caption><thead><tr><th scope="col">${w.state}</th><th scope="col" class="num">${w.total}</th>${BAND_COLUMNS.map((b) => markup`<th scope="col" class="num">${w.bands[b]}</th>`)}</tr></thead><tbody>${rows}</tbody></table>`;
}

function stepsCell(w: W, c: CockpitCase): Html {
	if (c.steps.length === 0)
		return markup`<span class="muted">${w.waiting[c.state] ?? w.stepByProcess}</span>`;
	return markup`<ul class="steps">${c.steps.map((s) => markup`<li><a href="${s.href}">${w.steps[s.form]}</a></li>`)}</ul>`;
}

function caseTables(m: CockpitModel, w: W, cases: CockpitCase[]): Html {
	const index = new Map(cases.map((c, i) => [c.id, i]));
	const cols = [w.caseCol, w.employee, w.opened, w.deadline, w.urgency, w.nextStep];
	return markup`${m.counts
		.filter((s) => s.total > 0)
		.map((s) => {
			const rows = cases
				.filter((c) => c.state === s.state)
				.map(
					(c) =>
						markup`<tr><td><a href="#${anchor(index.get(c.id)!)}" aria-label="${w.timelineOf} ${c.reference}"><code>${c.reference}</code></a></td><td>${c.employeeId}</td><td>${day(w, c.openedOn)}</td><td>${deadlineCell(w, c.deadline)}</td><td>${band(w, c.deadline)}</td><td>${stepsCell(w, c)}</td></tr>`,
				);
			return markup`<h3>${w.states[s.state]} (${s.total})</h3><table>${head(cols)}<tbody>${rows}</tbody></table>`;
		})}`;
}

function measures(w: W, owners: OwnerMeasures[] | null): Html {
	if (owners === null) return markup`<p class="muted">${w.measuresUnavailable}</p>`;
	if (owners.length === 0) return markup`<p>${w.measuresNone}</p>`;
	const cols = [w.caseCol, w.employee, w.measure, w.dueOn, w.urgency];
	return markup`${owners.map(
		(o) =>
			markup`<h3>${w.owner}: ${o.owner} (${o.measures.length})</h3><table>${head(cols)}<tbody>${o.measures.map(
				(x) =>
					markup`<tr><td><code>${x.reference}</code></td><td>${x.employeeId ?? ''}</td><td>${x.label}</td><td>${day(w, x.dueOn)}</td><td><span class="band band-overdue">${w.overdueBy(x.daysOverdue)}</span></td></tr>`,
			)}</tbody></table>`,
	)}`;
}

function entry(w: W, e: TimelineEntry): Html {
	const label = (w.events as Record<string, string>)[e.type] ?? e.type;
	const detail = e.detail.map((d) => w.letters[d] ?? d).join(', ');
	return markup`<li class="${e.voided ? 'voided' : ''}" data-kind="${e.kind}">${day(w, e.on)} · ${label}${detail ? ` (${detail})` : ''} <span class="muted">· ${e.actor}</span>${e.voided ? markup` <span class="muted">— ${w.voided}</span>` : ''}</li>`;
}

function timelines(w: W, cases: CockpitCase[]): Html {
	return markup`${cases.map(
		(c, i) =>
			markup`<details id="${anchor(i)}"><summary>${w.caseCol} <code>${c.reference}</code> <span class="muted">(${c.id})</span> · ${c.employeeId} · ${w.states[c.state]}</summary><ol class="timeline">${c.timeline.map((e) => entry(w, e))}</ol></details>`,
	)}`;
}

function figures(m: CockpitModel, w: W): Html {
	const quarters = m.quarters ?? [];
	const charts = QUOTAS.map(
		(q) =>
			markup`<figure><figcaption>${w.quotas[q][0]}<span>${w.quotas[q][1]}</span></figcaption>${quotaChart(q, quarters, m.lang, m.minCell)}</figure>`,
	);
	const table = markup`<table><caption>${w.kpiTable}</caption><thead><tr><th scope="col">${w.quarter}</th>${quarters.map((q) => markup`<th scope="col" class="num">${q.label}${q.running ? ` (${w.running})` : ''}</th>`)}</tr></thead><tbody>${QUOTAS.map(
		(q) =>
			markup`<tr><th scope="row">${w.quotas[q][0]}</th>${quarters.map((x) => markup`<td class="num">${quotaText(x.report[q], m.lang, m.minCell)}</td>`)}</tr>`,
	)}</tbody></table>`;
	return markup`<p class="note">${w.kpiNote(m.minCell)}</p><div class="charts">${charts}</div><details><summary>${w.kpiTable}</summary>${table}</details>`;
}

function sections(m: CockpitModel, w: W): Html[] {
	const out: Html[] = [
		markup`<section aria-labelledby="open-cases"><h2 id="open-cases">${w.openCases}</h2>${m.openTotal === 0 ? markup`<p>${w.openNone}</p>` : summary(m, w)}${m.cases ? caseTables(m, w, m.cases) : markup`<p class="note">${w.figuresOnly}</p>`}</section>`,
	];
	if (m.cases) {
		out.push(
			markup`<section aria-labelledby="measures"><h2 id="measures">${w.measures}</h2>${measures(w, m.overdueMeasures)}</section>`,
		);
		if (m.cases.length)
			out.push(
				markup`<section aria-labelledby="timelines"><h2 id="timelines">${w.timelines}</h2>${timelines(w, m.cases)}</section>`,
			);
	}
	if (m.quarters)
		out.push(
			markup`<section aria-labelledby="kpis"><h2 id="kpis">${w.kpis}</h2>${figures(m, w)}</section>`,
		);
	return out;
}

function page(lang: Lang, title: string, header: Html, main: Html): string {
	const w = WORDS[lang];
	const other = w.otherLanguageName;
	return markup`<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="referrer" content="no-referrer"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><a class="skip" href="#main">${w.skip}</a><header><h1>${w.title}</h1>${header}<nav aria-label="Sprache / Language"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${w.otherLanguage}</a></nav></header>
<main id="main">${main}</main>
<footer><p>${w.footer}</p></footer></body></html>
`.value;
}

export function renderCockpit(m: CockpitModel): string {
	const w = WORDS[m.lang];
	return page(
		m.lang,
		`${w.title} · ${w.date(m.today)}`,
		markup`<p>${w.asOf} ${day(w, m.today)} · ${w.signedInAs} <strong>${m.principal}</strong> · ${m.scope.cases ? w.viewCases : w.viewFigures}</p>`,
		markup`${sections(m, w)}`,
	);
}

/** The page for a principal the roles give no cockpit (answered with 403). */
export function renderDenied(lang: Lang, principal: string): string {
	const w = WORDS[lang];
	return page(
		lang,
		w.denied,
		markup`<p>${w.signedInAs} <strong>${principal}</strong></p>`,
		markup`<h2>${w.denied}</h2><p class="note">${w.deniedText}</p>`,
	);
}
