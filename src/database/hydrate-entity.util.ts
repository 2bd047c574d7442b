import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/** The entity's columns, or only those of the given properties (a partial read), in that order. */
function columnsOf(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  properties?: readonly string[],
): ColumnMetadata[] {
  const metadata = ds.getMetadata(target);
  if (!properties) {
    return metadata.columns;
  }
  return properties.map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (!column) {
      throw new Error(`${metadata.name} has no column for the property ${property}`);
    }
    return column;
  });
}

/**
 * The select list of an entity's columns under `alias` (all, or those of `properties`), each named
 * `<prefix><column>`: for raw queries whose rows hydrateEntity turns back into the entity (queries
 * TypeORM's builders cannot express, e.g. RETURNING or a LATERAL join, and hot paths where the
 * builder's own work is a visible share of the cost).
 */
export function entityColumnsSql(
  ds: DataSource,
  target: EntityTarget<ObjectLiteral>,
  alias: string,
  prefix = '',
  properties?: readonly string[],
): string {
  return columnsOf(ds, target, properties)
    .map((c) => `"${alias}"."${c.databaseName}" AS "${prefix}${c.databaseName}"`)
    .join(', ');
}

/**
 * An entity from a raw row, each column converted the way TypeORM converts what it reads (dates,
 * JSON, enums, transformers). `prefix`: the row names the columns `<prefix><column>`;
 * `properties`: only these were selected (entityColumnsSql with the same list).
 */
export function hydrateEntity<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  row: Record<string, unknown>,
  prefix = '',
  properties?: readonly string[],
): T {
  const entity = ds.getMetadata(target).create() as T;
  for (const column of columnsOf(ds, target, properties)) {
    column.setEntityValue(
      entity,
      ds.driver.prepareHydratedValue(row[`${prefix}${column.databaseName}`], column),
    );
  }
  return entity;
}

/** Column types PostgreSQL's JSON renders as ISO text where a plain row has a Date. */
const TIMESTAMP_TYPES = new Set<unknown>([
  Date,
  'timestamptz',
  'timestamp',
  'timestamp with time zone',
  'timestamp without time zone',
]);

/**
 * An entity from a row that PostgreSQL rendered as JSON (`to_jsonb(alias)`, keys = column names),
 * e.g. rows aggregated into one column of another query. JSON has no timestamps: those columns
 * come as ISO text and are turned into Dates first; the rest converts as for hydrateEntity. (Not
 * for numeric columns, which node-postgres returns as text and JSON as numbers.)
 */
export function hydrateEntityFromJson<T extends ObjectLiteral>(
  ds: DataSource,
  target: EntityTarget<T>,
  json: Record<string, unknown>,
): T {
  const row = { ...json };
  for (const column of ds.getMetadata(target).columns) {
    const value = row[column.databaseName];
    if (TIMESTAMP_TYPES.has(column.type) && typeof value === 'string') {
      row[column.databaseName] = new Date(value);
    }
  }
  return hydrateEntity(ds, target, row);
}
