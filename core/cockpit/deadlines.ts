import { parseDay } from '../calendar/days';
import type { BemCase } from '../store/types';
import type { Band, NextDeadline } from './types';

// A case's next deadline and how urgent it is. The case row holds the process deadlines (reply,
// follow-up, review); accepted and running cases get theirs from their earliest overdue measure.

/** days from `today` to `on` (negative: `on` has passed) */
export const daysUntil = (today: string, on: string): number => parseDay(on) - parseDay(today);

/** overdue: the day has passed; due today counts as within 7 days */
export function bandOf(days: number): Band {
	if (days < 0) return 'overdue';
	if (days <= 7) return 'week';
	if (days <= 14) return 'fortnight';
	return 'later';
}

export function nextDeadline(
	c: BemCase,
	today: string,
	earliestMeasureDue: string | undefined,
): NextDeadline | null {
	const pick = (kind: NextDeadline['kind'], on: string | null | undefined) => {
		if (!on) return null;
		const days = daysUntil(today, on);
		return { kind, on, days, band: bandOf(days) };
	};
	switch (c.state) {
		case 'invited':
		case 'reinvited':
			return pick('reply', c.replyDueOn);
		case 'deferred':
			return pick('followUp', c.followUpOn);
		case 'review':
			return pick('review', c.reviewDueOn) ?? pick('measure', earliestMeasureDue);
		case 'accepted':
		case 'in_progress':
			return pick('measure', earliestMeasureDue);
		default:
			return null;
	}
}

const BAND_ORDER: Record<Band, number> = { overdue: 0, week: 1, fortnight: 2, later: 3 };

/** most urgent first; cases without a deadline last, then by the day they were opened */
export function byUrgency(
	a: { deadline: NextDeadline | null; openedOn: string; id: string },
	b: { deadline: NextDeadline | null; openedOn: string; id: string },
): number {
	const rank = (x: typeof a) => (x.deadline ? BAND_ORDER[x.deadline.band] : 4);
	return (
		rank(a) - rank(b) ||
		(a.deadline?.on ?? '').localeCompare(b.deadline?.on ?? '') ||
		a.openedOn.localeCompare(b.openedOn) ||
		a.id.localeCompare(b.id)
	);
}
