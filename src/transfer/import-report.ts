import { ApiProperty } from '@nestjs/swagger';

export class ChangeCounts {
  @ApiProperty({ type: Number, example: 1 })
  created = 0;

  @ApiProperty({ type: Number, example: 0 })
  updated = 0;

  @ApiProperty({ type: Number, example: 2 })
  unchanged = 0;
}

export type ImportEntity =
  'settings' | 'chats' | 'bots' | 'stances' | 'holdings' | 'memories' | 'memberships';

/** created / updated / unchanged for each kind of row the import writes. */
export class ImportSummary {
  @ApiProperty({ type: ChangeCounts })
  settings!: ChangeCounts;

  @ApiProperty({ type: ChangeCounts })
  chats!: ChangeCounts;

  @ApiProperty({ type: ChangeCounts })
  bots!: ChangeCounts;

  @ApiProperty({ type: ChangeCounts })
  stances!: ChangeCounts;

  @ApiProperty({ type: ChangeCounts })
  holdings!: ChangeCounts;

  @ApiProperty({ type: ChangeCounts })
  memories!: ChangeCounts;

  @ApiProperty({ type: ChangeCounts, description: 'Bots joined to chats' })
  memberships!: ChangeCounts;
}

export class ImportReport {
  @ApiProperty({ description: 'True: nothing was written' })
  dry_run!: boolean;

  @ApiProperty({ type: ImportSummary, description: 'created / updated / unchanged per entity' })
  summary!: Record<ImportEntity, ChangeCounts>;

  @ApiProperty({
    description: 'Settings keys the registry does not know (reported, not stored)',
    example: ['eski_ayar'],
  })
  unknown_settings!: string[];

  @ApiProperty({ example: ['bots[0] (Mehmet): the token is a placeholder; …'] })
  notices!: string[];
}

export function emptySummary(): Record<ImportEntity, ChangeCounts> {
  const entities: ImportEntity[] = [
    'settings',
    'chats',
    'bots',
    'stances',
    'holdings',
    'memories',
    'memberships',
  ];
  return Object.fromEntries(entities.map((e) => [e, new ChangeCounts()])) as Record<
    ImportEntity,
    ChangeCounts
  >;
}
