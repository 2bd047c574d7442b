/** Every BullMQ queue of the system. Producers and processors refer to queues only through this. */
export enum QueueName {
  Tick = 'tick',
  Turn = 'turn',
  Send = 'send',
  Updates = 'updates',
  Maintenance = 'maintenance',
}

export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);
