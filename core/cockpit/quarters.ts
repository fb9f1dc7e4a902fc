import { addMonths, formatDay, parseDay } from '../calendar/days';

// The calendar quarters the cockpit's KPI charts cover: the one `today` falls in and those before it
// (the store takes whole calendar quarters only).

export interface Quarter {
	label: string;
	from: string;
	to: string;
	running: boolean;
}

export function quartersUpTo(today: string, count: number): Quarter[] {
	const [year, month] = today.split('-').map(Number);
	const first = parseDay(`${year}-${String(month - ((month - 1) % 3)).padStart(2, '0')}-01`);
	const out: Quarter[] = [];
	for (let back = count - 1; back >= 0; back--) {
		const start = addMonths(first, -3 * back);
		const from = formatDay(start);
		const [y, m] = from.split('-').map(Number);
		out.push({
			label: `Q${(m + 2) / 3} ${y}`,
			from,
			to: formatDay(addMonths(start, 3) - 1),
			running: back === 0,
		});
	}
	return out;
}
