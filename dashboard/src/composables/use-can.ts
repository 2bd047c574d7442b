import { computed } from 'vue';
import { roleCan, type Permission } from '@/lib/permissions';
import { useAuthStore } from '@/stores/auth.store';

/** `can('bots.edit')` for the signed-in user, from the one permission table in lib/permissions. */
export function useCan() {
  const auth = useAuthStore();
  const role = computed(() => auth.role);
  function can(permission: Permission): boolean {
    return roleCan(role.value, permission);
  }
  return { role, can };
}
