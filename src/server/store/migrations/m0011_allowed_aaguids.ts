import type { Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * `organisations.allowed_aaguids`: the authenticator models (AAGUIDs, lower-case, as a JSON array) the organisation
 * lets its users register, signed into its policy as `hardwareKeys.allowedAaguids`; NULL, as every organisation
 * starts, allows any model. Bank staff set it (`coffer server keys allow`); enrolment and POST /v1/credentials apply it.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema.alterTable('organisations').addColumn('allowed_aaguids', 'text').execute();
}
