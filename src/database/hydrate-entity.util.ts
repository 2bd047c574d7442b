import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * The select list of all an entity's columns under `alias`, each named `<prefix><column>`: for
 * raw queries whose rows hydrateEntity turns back into the entity (queries TypeORM's builders
 * cannot express, e.g. RETURNING or a LATERAL join).
 */
export function entityColumnsSql(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = '',
): string {
  return ds
    .getMetadata(target)
    .columns.map((c) => `"${alias}"."${c.databaseName}" AS "${prefix}${c.databaseName}"`)
    .join(', ');
}

/**
 * An entity from a raw row, each column converted the way TypeORM converts what it reads (dates,
 * JSON, enums, transformers). `prefix`: the row names the columns `<prefix><column>`.
 */
export function hydrateEntity<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix = '',
): T {
  const metadata = ds.getMetadata(target);
  const entity = metadata.create() as T;
  for (const column of metadata.columns) {
    column.setEntityValue(
      entity,
      ds.driver.prepareHydratedValue(row[`${prefix}${column.databaseName}`], column),
    );
  }
  return entity;
}
