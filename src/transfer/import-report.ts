import { ApiProperty } from '@nestjs/swagger';

export class ChangeCounts {
  @ApiProperty({ example: 1 })
  created = 0;

  @ApiProperty({ example: 0 })
  updated = 0;

  @ApiProperty({ example: 2 })
  unchanged = 0;
}

export type ImportEntity =
  'settings' | 'chats' | 'bots' | 'stances' | 'holdings' | 'memories' | 'memberships';

export class ImportReport {
  @ApiProperty({ description: 'True: nothing was written' })
  dry_run!: boolean;

  @ApiProperty({
    description: 'created / updated / unchanged per entity',
    example: { bots: { created: 2, updated: 0, unchanged: 0 } },
  })
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
