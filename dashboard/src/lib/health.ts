import type { SystemHealth } from '@/api/types';

export type HealthLevel = SystemHealth['status'];

export interface HealthItem {
  name: string;
  level: HealthLevel;
  detail: string | null;
}

/**
 * GET /system/health as the rows the overview and the system screen list: one per component
 * (API, database, Redis, workers, disk), with its latency when the API measured one.
 */
export function healthItems(health: SystemHealth): HealthItem[] {
  return health.components.map((component) => {
    const latency = component.latency_ms == null ? null : `${component.latency_ms} ms`;
    const detail = [component.detail, latency].filter(Boolean).join(' · ');
    return { name: component.name, level: component.status, detail: detail || null };
  });
}
