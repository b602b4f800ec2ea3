// When a package runs and how many seats are left: the slots generated from the schedule and
// materialised (slots.ts), the schedule hosts keep (schedule.ts), and the calendar tourists read
// (calendar.ts).
export {
	toException,
	extendHorizon,
	generateSlots,
	HORIZON_DAYS,
	materialize,
	toRule,
	computeSlotAvailability,
	type MaterializeOptions,
	type MaterializeResult,
	type Schedule,
	type ScheduleConflict,
	type ScheduleException,
	type ScheduleRule,
	type SlotAvailability,
	type SlotDisplayStatus,
	type WantedSlot
} from './slots';
export * from './schedule';
export * from './calendar';
