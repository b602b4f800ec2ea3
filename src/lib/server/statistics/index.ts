// Visitor statistics for the tourism office, the hosts and the public open-data page: the
// rollups kept by triggers (rollups.ts), put together into tables (views.ts), exported as CSV
// (csv.ts), for a month or range of months read from the address (months.ts). Product sales
// are beside them in products.ts, never added into them.
export * from './months';
export * from './views';
export * from './csv';
export {
	foldRollup,
	noBookings,
	noVisitors,
	findUnknownVillages,
	listVillages,
	type BookingFlow,
	type Occupancy,
	type Scope,
	type VillageInfo,
	type Visitors
} from './rollups';
