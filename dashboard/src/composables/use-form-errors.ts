import { reactive } from 'vue';
import { isApiError } from '@/api/api-error';
import { notifier } from '@/lib/notifier';

/**
 * Field errors of one form: `capture(error)` puts the API's per-field reasons next to their
 * fields (`errors.name`), and sends anything that is not about a field to the notifier.
 */
export function useFormErrors() {
  const errors = reactive<Record<string, string>>({});

  function clear(): void {
    for (const key of Object.keys(errors)) {
      delete errors[key];
    }
  }

  function capture(error: unknown): void {
    clear();
    if (isApiError(error) && error.fields.length > 0) {
      Object.assign(errors, error.fieldErrors);
      return;
    }
    notifier.error(error);
  }

  /** For naive-ui's NFormItem: `v-bind="fieldStatus('name')"`. */
  function fieldStatus(field: string): { validationStatus?: 'error'; feedback?: string } {
    const reason = errors[field];
    return reason ? { validationStatus: 'error', feedback: reason } : {};
  }

  return { errors, clear, capture, fieldStatus };
}
