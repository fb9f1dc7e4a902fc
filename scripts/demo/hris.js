// The demo HRIS of `npm start`: a small Personio-compatible server (the v2 API the Personio node reads:
// POST /v2/auth/token, /v2/persons, /v2/persons/{id}, /v2/persons/{id}/employments, /v2/absence-types,
// /v2/absence-periods, /v2/absence-periods/{id}/breakdowns, cursor paging) with 12 sample employees
// whose sick days are laid out relative to today, so the demo shows due, approaching, part-time and a
// closed BEM restarting the clock whenever it is run. Plain JS: runs under the machine's Node without a build.
//   node scripts/demo/hris.js [--port 5681]
'use strict';
const http = require('http');

const CLIENT_ID = 'bem-demo-client';
const CLIENT_SECRET = 'bem-demo-secret-not-real';
const DAY = 86400000;

/** today in Europe/Berlin as 'YYYY-MM-DD' */
function berlinToday() {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(new Date());
}
const dayNum = (d) => Date.parse(`${d}T00:00:00Z`) / DAY;
const dayStr = (n) => new Date(n * DAY).toISOString().slice(0, 10);
const weekday = (n) => (new Date(n * DAY).getUTCDay() + 6) % 7; // 0 = Monday

const TYPES = [
	{
		id: 'b1e0c001-0000-4000-8000-000000000001',
		name: 'Krankheit (AU)',
		category: 'sick_leave',
		unit: 'DAILY',
	},
	{
		id: 'b1e0c001-0000-4000-8000-000000000002',
		name: 'Urlaub',
		category: 'paid_vacation',
		unit: 'DAILY',
	},
	{
		id: 'b1e0c001-0000-4000-8000-000000000003',
		name: 'Kind krank',
		category: 'child_care',
		unit: 'DAILY',
	},
	{
		id: 'b1e0c001-0000-4000-8000-000000000004',
		name: 'Krankheit stundenweise',
		category: 'sick_leave',
		unit: 'HOURLY',
	},
];
const [SICK, VACATION, CHILD, SICK_HOURS] = TYPES.map((t) => t.id);

/**
 * The sample staff. `days`: weekdays the person works (0 = Monday). Spells: [type, start offset (days
 * before today), working days long] — or `open: true` for a sickness still going on.
 * `closedBemDaysAgo`: a BEM case of this person was closed that many days ago (seeded into the demo BEM
 * store by scripts/start.js), so only sick days after it count again.
 */
const STAFF = [
	{
		id: 2001,
		first: 'Anna',
		last: 'Becker',
		salutation: 'Frau',
		note: 'due (several spells, 32 working days)',
		spells: [
			[SICK, 300, 12],
			[SICK, 180, 10],
			[SICK, 60, 10],
		],
	},
	{
		id: 2002,
		first: 'Jonas',
		last: 'Schmidt',
		salutation: 'Herr',
		note: 'due (one continuous spell of 7 weeks)',
		spells: [[SICK, 110, 35]],
	},
	{
		id: 2003,
		first: 'Leonie',
		last: 'Wagner',
		salutation: 'Frau',
		note: 'approaching (26 working days)',
		spells: [
			[SICK, 250, 10],
			[SICK, 140, 8],
			[SICK, 40, 8],
		],
	},
	{
		id: 2004,
		first: 'Mehmet',
		last: 'Yilmaz',
		salutation: 'Herr',
		note: 'approaching (27 working days)',
		spells: [
			[SICK, 200, 14],
			[SICK, 30, 13],
		],
	},
	{
		id: 2005,
		first: 'Sophie',
		last: 'Hoffmann',
		salutation: 'Frau',
		note: 'part-time Mon–Wed, due (20 of her working days ≥ 6 × 3)',
		weekly: 24,
		days: [0, 1, 2],
		spells: [
			[SICK, 220, 8],
			[SICK, 90, 12],
		],
	},
	{
		id: 2006,
		first: 'Lukas',
		last: 'Weber',
		salutation: 'Herr',
		note: 'part-time Mon–Thu, below (8 working days)',
		weekly: 32,
		days: [0, 1, 2, 3],
		spells: [[SICK, 70, 8]],
	},
	{
		id: 2007,
		first: 'Marie',
		last: 'Schulz',
		salutation: 'Frau',
		note: 'closed BEM 60 days ago restarts the clock: 36 days in all, 6 after it',
		closedBemDaysAgo: 60,
		spells: [
			[SICK, 240, 18],
			[SICK, 120, 12],
			[SICK, 25, 6],
		],
	},
	{
		id: 2008,
		first: 'Felix',
		last: 'Fischer',
		salutation: 'Herr',
		note: 'below (5 sick days; vacation does not count)',
		spells: [
			[SICK, 80, 5],
			[VACATION, 50, 15],
		],
	},
	{
		id: 2009,
		first: 'Hannah',
		last: 'Meyer',
		salutation: 'Frau',
		note: 'below (“Kind krank” does not count)',
		spells: [
			[CHILD, 150, 20],
			[CHILD, 45, 12],
		],
	},
	{
		id: 2010,
		first: 'Paul',
		last: 'Koch',
		salutation: 'Herr',
		note: 'below (no absences)',
		spells: [],
	},
	{
		id: 2011,
		first: 'Emma',
		last: 'Richter',
		salutation: 'Frau',
		note: 'due (sick since 9 weeks, still ongoing)',
		spells: [[SICK, 63, 0, { open: true }]],
	},
	{
		id: 2012,
		first: 'Tim',
		last: 'Klein',
		salutation: 'Herr',
		note: 'below (hourly sickness, 3 half days)',
		spells: [[SICK_HOURS, 100, 3, { hoursPerDay: 4 }]],
	},
];

const FIRSTS = ['Lena', 'Max', 'Mia', 'Noah', 'Clara', 'Ben', 'Lea', 'Elias', 'Ida', 'Finn'];
const LASTS = [
	'Neumann',
	'Schwarz',
	'Zimmermann',
	'Braun',
	'Krüger',
	'Hofmann',
	'Hartmann',
	'Lange',
	'Schmitt',
	'Werner',
];
/**
 * The sample staff padded to `size` people with generated ones (ids from 100001; for benchmarks):
 * every 100th is due (one 7-week spell), every 10th has a short spell, the rest no absences.
 */
function staffOf(size = 0) {
	const out = [...STAFF];
	for (let i = 1; out.length < size; i++) {
		const first = FIRSTS[i % 10];
		const last = `${LASTS[Math.floor(i / 10) % 10]}${i}`;
		const spells = i % 100 === 0 ? [[SICK, 110, 35]] : i % 10 === 3 ? [[SICK, 80, 5]] : [];
		out.push({
			id: 100000 + i,
			first,
			last,
			salutation: i % 2 ? 'Frau' : 'Herr',
			note: i % 100 === 0 ? 'generated, due' : 'generated, below',
			spells,
		});
	}
	return out;
}
/** Generated staff size from $BEM_DEMO_STAFF_SIZE (default: just the sample staff). */
const envStaffSize = () => Number(process.env.BEM_DEMO_STAFF_SIZE) || 0;

/** The tenant for a given business date: persons, employments, absence periods with their days. */
function demoTenant(today = berlinToday(), { staffSize = envStaffSize() } = {}) {
	const t = dayNum(today);
	const people = staffOf(staffSize).map((s) => ({
		...s,
		days: s.days ?? [0, 1, 2, 3, 4],
		weekly: s.weekly ?? 40,
		email: `${s.first}.${s.last}@demo.example`.toLowerCase(),
	}));
	const absences = [];
	for (const p of people) {
		p.spells.forEach(([typeId, offset, length, extra = {}], i) => {
			let start = t - offset;
			while (!p.days.includes(weekday(start))) start++; // spells begin on a working day
			let end = start;
			for (let worked = 1; worked < length; ) if (p.days.includes(weekday(++end))) worked++;
			absences.push({
				id: `b1e0a${String(p.id)}-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
				personId: String(p.id),
				typeId,
				start: dayStr(start),
				end: extra.open ? null : dayStr(Math.min(end, t)),
				hoursPerDay: extra.hoursPerDay,
				workdays: p.days,
				weeklyHours: p.weekly,
			});
		});
	}
	return { today, people, absences };
}

function personOf(p) {
	return {
		id: String(p.id),
		first_name: p.first,
		last_name: p.last,
		preferred_name: `${p.first} ${p.last}`,
		email: p.email,
		gender: p.salutation === 'Frau' ? 'FEMALE' : 'MALE',
		status: 'ACTIVE',
		created_at: '2019-03-20T09:00:00Z',
		updated_at: '2025-02-01T12:00:00Z',
	};
}

function employmentOf(p) {
	return {
		id: String(7000 + p.id),
		status: 'ACTIVE',
		type: 'INTERNAL',
		weekly_working_hours: p.weekly,
		full_time_weekly_working_hours: 40,
		employment_start_date: '2019-04-01',
		employment_end_date: null,
		supervisor: p.id === 2001 ? null : { id: '2001' },
		org_units: [{ type: 'department', id: '401' }],
		position: { title: 'Fachkraft' },
		person: { id: String(p.id) },
		created_at: '2019-03-20T09:00:00Z',
		updated_at: '2025-02-01T12:00:00Z',
	};
}

function periodOf(a) {
	return {
		id: a.id,
		person: { id: a.personId },
		absence_type: { id: a.typeId },
		starts_from: { date_time: `${a.start}T00:00:00`, type: 'FIRST_HALF' },
		ends_at: a.end ? { date_time: `${a.end}T00:00:00`, type: 'SECOND_HALF' } : null,
		timezone_id: 'Europe/Berlin',
		approval: { status: 'APPROVED' },
		created_at: `${a.start}T07:02:11Z`,
		updated_at: `${a.start}T07:02:11Z`,
	};
}

function breakdownsOf(a, today) {
	const hourly = a.typeId === SICK_HOURS;
	const out = [];
	for (let n = dayNum(a.start); n <= dayNum(a.end ?? today); n++) {
		const works = a.workdays.includes(weekday(n));
		const value = works ? (hourly ? (a.hoursPerDay ?? a.weeklyHours / a.workdays.length) : 1) : 0;
		out.push({ date: dayStr(n), effective_duration: { unit: hourly ? 'HOUR' : 'DAY', value } });
	}
	return out;
}

function v2Error(status, title, path) {
	return {
		personio_trace_id: '00000000-0000-4000-8000-000000000000',
		timestamp: new Date().toISOString(),
		errors: [{ title, detail: title, _meta: { path } }],
	};
}

/** v2 cursor paging: opaque cursor (an offset), absolute links. */
function page(url, list, maxLimit, defaultLimit) {
	const limit = Number(url.searchParams.get('limit') ?? defaultLimit);
	if (!(limit >= 1 && limit <= maxLimit))
		return [400, v2Error(400, `limit must be between 1 and ${maxLimit}`, url.pathname)];
	const cursor = url.searchParams.get('cursor');
	const offset = cursor ? Number(Buffer.from(cursor, 'base64url').toString()) || 0 : 0;
	const links = { self: { href: url.toString() } };
	if (offset + limit < list.length) {
		const next = new URL(url.toString());
		next.searchParams.set('cursor', Buffer.from(String(offset + limit)).toString('base64url'));
		links.next = { href: next.toString() };
	}
	return [200, { _data: list.slice(offset, offset + limit), _meta: { links } }];
}

function createHandler({ today, staffSize = envStaffSize() } = {}) {
	const tokens = new Set();
	// built once per business date (a generated staff of thousands is too slow to rebuild per request)
	let cached;
	const tenantFor = (day) => {
		if (cached?.today !== day) {
			const tn = demoTenant(day, { staffSize });
			tn.byId = new Map(tn.people.map((x) => [String(x.id), x]));
			tn.absencesOf = new Map();
			for (const a of tn.absences)
				(tn.absencesOf.get(a.personId) ?? tn.absencesOf.set(a.personId, []).get(a.personId)).push(
					a,
				);
			tn.absenceById = new Map(tn.absences.map((a) => [a.id, a]));
			cached = tn;
		}
		return cached;
	};
	return async function handle(req, res) {
		const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
		let raw = '';
		for await (const c of req) raw += c;
		const send = (status, body) => {
			res.writeHead(status, { 'content-type': 'application/json' });
			res.end(JSON.stringify(body));
		};
		const tenant = tenantFor(today ?? berlinToday());
		if (req.method === 'GET' && url.pathname === '/') {
			// a human-readable overview of what the demo holds (no health details: there are none)
			return send(200, {
				server: 'n8n-nodes-bem demo HRIS (Personio v2 compatible)',
				clientId: CLIENT_ID,
				today: tenant.today,
				employees: tenant.people.map((p) => ({
					id: String(p.id),
					name: `${p.first} ${p.last}`,
					demo: p.note,
				})),
			});
		}
		if (req.method === 'POST' && url.pathname === '/v2/auth/token') {
			if (!String(req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded'))
				return send(400, { error: 'invalid_request' });
			const form = new URLSearchParams(raw);
			if (form.get('grant_type') !== 'client_credentials')
				return send(400, { error: 'unsupported_grant_type' });
			if (form.get('client_id') !== CLIENT_ID || form.get('client_secret') !== CLIENT_SECRET)
				return send(401, { error: 'invalid_client', error_description: 'Invalid Client' });
			const token = `demo-${Math.random().toString(36).slice(2)}`;
			tokens.add(token);
			return send(200, { access_token: token, token_type: 'Bearer', expires_in: 86400 });
		}
		const auth = String(req.headers.authorization ?? '');
		if (!tokens.has(auth.replace(/^Bearer /, '')))
			return send(401, v2Error(401, 'Unauthorized', url.pathname));
		if (req.method !== 'GET') return send(405, v2Error(405, 'Method Not Allowed', url.pathname));
		const p = url.pathname;
		let m;
		if (p === '/v2/persons') return send(...page(url, tenant.people.map(personOf), 50, 10));
		if ((m = /^\/v2\/persons\/([^/]+)$/.exec(p))) {
			const person = tenant.byId.get(decodeURIComponent(m[1]));
			return person ? send(200, personOf(person)) : send(404, v2Error(404, 'Not Found', p));
		}
		if ((m = /^\/v2\/persons\/([^/]+)\/employments$/.exec(p))) {
			const person = tenant.byId.get(decodeURIComponent(m[1]));
			return person
				? send(...page(url, [employmentOf(person)], 50, 10))
				: send(404, v2Error(404, 'Not Found', p));
		}
		if (p === '/v2/absence-types') return send(...page(url, TYPES, 100, 100));
		if (p === '/v2/absence-periods') {
			const q = url.searchParams;
			const person = q.get('person.id');
			const lte = q.get('starts_from.date_time.lte')?.slice(0, 10);
			const gte = q.get('ends_at.date_time.gte')?.slice(0, 10);
			const list = (person ? (tenant.absencesOf.get(person) ?? []) : tenant.absences).filter(
				(a) =>
					(!person || a.personId === person) &&
					(!lte || a.start <= lte) &&
					(!gte || a.end === null || a.end >= gte),
			);
			return send(...page(url, list.map(periodOf), 100, 100));
		}
		if ((m = /^\/v2\/absence-periods\/([^/]+)\/breakdowns$/.exec(p))) {
			const a = tenant.absenceById.get(decodeURIComponent(m[1]));
			return a
				? send(...page(url, breakdownsOf(a, tenant.today), 28, 28))
				: send(404, v2Error(404, 'Not Found', p));
		}
		return send(404, v2Error(404, `The endpoint with ${p} was not found.`, p));
	};
}

/** Starts the demo HRIS on host:port; resolves { url, close }. */
function startDemoHris({ port = 5681, host = '127.0.0.1', today, staffSize } = {}) {
	const handle = createHandler({ today, staffSize });
	const server = http.createServer((req, res) => {
		handle(req, res).catch((e) => {
			res.writeHead(500, { 'content-type': 'application/json' });
			res.end(JSON.stringify(v2Error(500, String(e), req.url)));
		});
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, host, () => {
			const url = `http://${host}:${server.address().port}`;
			resolve({
				url,
				server,
				close: () => new Promise((r) => (server.closeAllConnections(), server.close(() => r()))),
			});
		});
	});
}

module.exports = {
	CLIENT_ID,
	CLIENT_SECRET,
	STAFF,
	staffOf,
	demoTenant,
	berlinToday,
	startDemoHris,
};

if (require.main === module) {
	const i = process.argv.indexOf('--port');
	startDemoHris({ port: i > 0 ? Number(process.argv[i + 1]) : 5681 }).then(({ url }) =>
		console.log(`demo HRIS (Personio v2) at ${url}`),
	);
}
