import type { Kysely } from 'kysely';
import type { StoreDialect } from '../storeDialect.js';

/**
 * The witness (C2SP tlog-witness): per device, the last checkpoint the bank cosigned for its vault's log,
 * changed only by a conditional write from the size and root read, so two racing submissions cannot roll
 * it back; and the alerts raised when a device presents a history that contradicts it.
 */
export async function up(db: Kysely<unknown>, _dialect: StoreDialect): Promise<void> {
  await db.schema
    .createTable('witness_logs')
    .addColumn('device_id', 'text', (c) => c.primaryKey().references('devices.id'))
    .addColumn('origin', 'text', (c) => c.notNull().unique())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('root_hash', 'text', (c) => c.notNull())
    .addColumn('cosigned_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('witness_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('known_size', 'bigint', (c) => c.notNull())
    .addColumn('submitted_size', 'bigint', (c) => c.notNull())
    .addColumn('checkpoint', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('witness_alerts_device').on('witness_alerts').column('device_id').execute();
}
