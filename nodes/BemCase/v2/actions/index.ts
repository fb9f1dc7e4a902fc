import { dueReminders } from './dueReminders.operation';
import { find } from './find.operation';
import { get } from './get.operation';
import { kpiReport } from './kpiReport.operation';
import { lastClosures } from './lastClosures.operation';
import { open } from './open.operation';
import { personnelFileExtract } from './personnelFileExtract.operation';
import { purgeExpired } from './purgeExpired.operation';
import { recordEvent } from './recordEvent.operation';
import { recordReply } from './recordReply.operation';
import { subjectAccessExport } from './subjectAccessExport.operation';
import { updateApproaching } from './updateApproaching.operation';
import { accessLog, grantRole, listRoles, revokeRole } from './roles.operation';
import {
	dropMeasure,
	findMeasures,
	implementMeasure,
	measureCatalogue,
	planMeasure,
	startMeasure,
} from './measures.operation';
import { listMeasureOwners, removeMeasureOwner, setMeasureOwner } from './owners.operation';
import type { BemCaseOperation } from './types';

export const OPERATIONS: Record<string, BemCaseOperation> = {
	open,
	recordEvent,
	recordReply,
	get,
	find,
	personnelFileExtract,
	purgeExpired,
	kpiReport,
	lastClosures,
	grantRole,
	revokeRole,
	listRoles,
	accessLog,
	subjectAccessExport,
	planMeasure,
	startMeasure,
	implementMeasure,
	dropMeasure,
	findMeasures,
	measureCatalogue,
	setMeasureOwner,
	listMeasureOwners,
	removeMeasureOwner,
	dueReminders,
	updateApproaching,
};
