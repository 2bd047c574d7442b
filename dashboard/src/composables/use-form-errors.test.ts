import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/api-error';
import { notifier } from '@/lib/notifier';
import { useFormErrors } from './use-form-errors';

describe('useFormErrors', () => {
  let unsubscribe: (() => void) | null = null;
  afterEach(() => unsubscribe?.());

  it('puts field errors next to their fields and keeps them off the notifier', () => {
    const notices = vi.fn();
    unsubscribe = notifier.subscribe(notices);
    const form = useFormErrors();
    form.capture(
      new ApiError({
        status: 400,
        code: 'validation_failed',
        message: 'Invalid input',
        fields: [
          { field: 'name', reason: 'must be at most 100 characters' },
          { field: 'name', reason: 'second reason' },
        ],
      }),
    );
    expect(form.errors).toEqual({ name: 'must be at most 100 characters' });
    expect(form.fieldStatus('name')).toEqual({
      validationStatus: 'error',
      feedback: 'must be at most 100 characters',
    });
    expect(form.fieldStatus('token')).toEqual({});
    expect(notices).not.toHaveBeenCalled();
  });

  it('sends other failures to the notifier and clears stale field errors', () => {
    const notices = vi.fn();
    unsubscribe = notifier.subscribe(notices);
    const form = useFormErrors();
    form.errors.name = 'old';
    form.capture(
      new ApiError({
        status: 409,
        code: 'conflict',
        message: 'Token already used',
        requestId: 'r9',
      }),
    );
    expect(form.errors).toEqual({});
    expect(notices).toHaveBeenCalledWith({ level: 'error', text: 'Token already used (r9)' });
    form.capture(new ApiError({ status: 0, code: 'network_error', message: 'Failed to fetch' }));
    expect(notices).toHaveBeenLastCalledWith({ level: 'error', key: 'errors.network' });
  });
});
