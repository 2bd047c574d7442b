// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { mountWithApp } from '@/test/mount';
import SettingField from './SettingField.vue';

describe('SettingField', () => {
  it('renders a switch for a boolean and emits the flipped value', async () => {
    const { wrapper } = mountWithApp(SettingField, {
      mount: { props: { kind: { type: 'bool' }, modelValue: false, inputId: 's1' } },
    });
    await wrapper.find('[role="switch"]').trigger('click');
    expect(wrapper.emitted('update:modelValue')).toEqual([[true]]);
  });

  it('edits a min/max pair as one object', async () => {
    const { wrapper } = mountWithApp(SettingField, {
      mount: {
        props: {
          kind: { type: 'minMax', min: 0, max: 1000, integer: true },
          modelValue: { min: 6, max: 12 },
          inputId: 's2',
        },
      },
    });
    const inputs = wrapper.findAll('input');
    expect(inputs).toHaveLength(2);
    await inputs[1]!.setValue('20');
    await inputs[1]!.trigger('blur');
    expect(wrapper.emitted('update:modelValue')?.at(-1)).toEqual([{ min: 6, max: 20 }]);
  });

  it('falls back to JSON text for a kind it does not know', async () => {
    const { wrapper } = mountWithApp(SettingField, {
      mount: { props: { kind: null, modelValue: { a: 1 }, inputId: 's3' } },
    });
    const textarea = wrapper.find('textarea');
    expect(textarea.element.value).toBe('{"a":1}');
    await textarea.setValue('{"a":2}');
    await textarea.setValue('{"a":');
    expect(wrapper.emitted('update:modelValue')).toEqual([[{ a: 2 }]]);
  });
});
