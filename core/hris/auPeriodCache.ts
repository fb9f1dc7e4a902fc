// Where the optional incremental absence mode keeps the AU periods between runs (the BEM store
// implements it: migration 10, every period sealed). Only what the threshold counts: the record's
// source and id, the employee, the contract kind, dates, half days, hours and per-day amounts —
// never a type name, a status, a comment or a certificate.

import type { HrisAbsence } from './records';

export type AuPeriodSource = 'v1 time-off' | 'v1 absence period' | 'v2 absence period';

/** The HRIS record (id, employee, kind, dates, half days, hours) and what narrows it when clipped. */
export interface CachedAuPeriod extends HrisAbsence {
	source: AuPeriodSource;
	/** per-day amounts (breakdowns), when the HRIS gave them */
	perDay?: Array<{ date: string; amount: number; unit?: 'day' | 'hour' }>;
}

export interface AuPeriodCacheState {
	/** the last successful read (ISO instant); null before the first */
	syncedAt: string | null;
	/** the last full read (ISO instant); null before the first */
	fullAt: string | null;
	periods: CachedAuPeriod[];
}

export interface AuPeriodChange {
	/** true: `upsert` replaces every period of the source (a full read) */
	full: boolean;
	upsert: CachedAuPeriod[];
	/** `${source}/${id}` of the periods gone (deleted, moved out, another type) */
	remove: string[];
}

export interface AuPeriodStore {
	auPeriods(source: string): Promise<AuPeriodCacheState>;
	saveAuPeriods(source: string, syncedAt: string, change: AuPeriodChange): Promise<void>;
	/** deletes the periods of every source starting with `prefix` (one tenant and credential) */
	clearAuPeriods(prefix: string): Promise<{ cleared: number }>;
}

/** A period's key in the cache: its source and the HRIS's id. */
export const periodKey = (p: Pick<CachedAuPeriod, 'source' | 'id'>) => `${p.source}/${p.id}`;
