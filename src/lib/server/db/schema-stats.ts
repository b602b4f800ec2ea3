// Tables added by the stats part of the app; merged into Database by schema.ts.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in as tables are added
export interface StatsTables {}
