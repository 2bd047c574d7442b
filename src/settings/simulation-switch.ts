import { EntityManager } from 'typeorm';

/**
 * Sets the simulation_active setting inside the caller's transaction. A stop-gap for the wizard:
 * the settings service (with its change event) replaces this once it lands.
 */
export async function setSimulationActive(m: EntityManager, active: boolean): Promise<void> {
  await m.query(
    `INSERT INTO settings (key, value, updated_at) VALUES ('simulation_active', $1::jsonb, now())
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
    [JSON.stringify(active)],
  );
}
